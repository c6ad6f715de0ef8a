/**
 * The story engine's learned parameters: how rare each word is in news at large (document
 * frequencies over a background corpus) and the weights of the join decision. Both are written by
 * `npm run train:stories` into `config/story-model.json`, which is committed.
 */

import { readFileSync } from 'node:fs';
import { shippedConfigFile } from '../config/config-file.js';
import { FEATURE_NAMES, type FeatureName } from './join-features.js';
import { STORY_FEATURE_NAMES, type StoryFeatureName, type StoryWeights } from './story-features.js';

/** The parameters the engine runs with. */
export interface StoryModel {
  /** Documents of the background corpus. */
  readonly documents: number;
  /** Background document frequency of each stemmed term; absent terms are rarer than any listed. */
  readonly df: ReadonlyMap<string, number>;
  /** Logistic weight of each feature of a pair of items. */
  readonly weights: Readonly<Record<FeatureName, number>>;
  readonly bias: number;
  /** Logistic weights of an item against a whole story, the pair model's verdicts among them. */
  readonly story: StoryWeights;
  /** Joining a story needs at least this probability. */
  readonly threshold: number;
}

/** The file's shape. */
interface StoryModelFile {
  readonly version: number;
  readonly documents: number;
  readonly df: Record<string, number>;
  readonly weights: Record<string, number>;
  readonly bias: number;
  readonly story: { readonly weights: Record<string, number>; readonly bias: number };
  readonly threshold: number;
}

const MODEL_VERSION = 2;

/** Name of the model file in the configuration folder. */
export const STORY_MODEL_FILE = 'story-model.json';

/** Where the committed model is. */
export function modelPath(): string {
  return shippedConfigFile(STORY_MODEL_FILE);
}

/** Reads and checks a model file; throws with the file's name when it is missing or malformed. */
export function readStoryModel(file = modelPath()): StoryModel {
  let parsed: StoryModelFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as StoryModelFile;
  } catch (error) {
    throw new Error(`The story model ${file} cannot be read; run npm run train:stories.`, { cause: error });
  }
  if (parsed.version !== MODEL_VERSION || typeof parsed.documents !== 'number')
    throw new Error(
      `The story model ${file} is not a version ${MODEL_VERSION} model; run npm run train:stories.`,
    );
  const read = <Name extends string>(
    names: readonly Name[],
    from: Record<string, number>,
  ): Record<Name, number> => {
    const weights = {} as Record<Name, number>;
    for (const name of names) {
      const weight = from[name];
      if (typeof weight !== 'number') throw new Error(`The story model ${file} has no weight for ${name}.`);
      weights[name] = weight;
    }
    return weights;
  };
  return {
    documents: parsed.documents,
    df: new Map(Object.entries(parsed.df)),
    weights: read<FeatureName>(FEATURE_NAMES, parsed.weights),
    bias: parsed.bias,
    story: {
      weights: read<StoryFeatureName>(STORY_FEATURE_NAMES, parsed.story.weights),
      bias: parsed.story.bias,
    },
    threshold: parsed.threshold,
  };
}

/** Serialises a model in the file's shape, terms sorted so a retrain diffs cleanly. */
export function writeStoryModel(model: StoryModel): string {
  const df = Object.fromEntries([...model.df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file: StoryModelFile = {
    version: MODEL_VERSION,
    documents: model.documents,
    df,
    weights: { ...model.weights },
    bias: model.bias,
    story: { weights: { ...model.story.weights }, bias: model.story.bias },
    threshold: model.threshold,
  };
  return `${JSON.stringify(file)}\n`;
}

let shared: StoryModel | null = null;

/** The committed model, read once per process. */
export function defaultStoryModel(): StoryModel {
  shared ??= readStoryModel();
  return shared;
}
