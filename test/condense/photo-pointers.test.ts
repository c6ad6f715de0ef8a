import { describe, expect, it } from 'vitest';
import { withoutPhotoPointers } from '../../src/condense/captions.js';

describe('withoutPhotoPointers', () => {
  it('drops where someone stands in a photo the summary does not carry, keeping the sentence’s commas right', () => {
    expect(withoutPhotoPointers('Abase Hussen, left, took the oath on Monday.')).toBe(
      'Abase Hussen took the oath on Monday.',
    );
    expect(withoutPhotoPointers('The mayor (pictured) opened the bridge.')).toBe(
      'The mayor opened the bridge.',
    );
    expect(withoutPhotoPointers('Daniel Kelly, 41, pictured, and Louis Aherne, 31, were charged.')).toBe(
      'Daniel Kelly, 41, and Louis Aherne, 31, were charged.',
    );
  });
  it('drops the pointer as other languages write it, keeping an age given beside it', () => {
    expect(withoutPhotoPointers('Max Eberl (Foto) hat dem BVB abgesagt.')).toBe(
      'Max Eberl hat dem BVB abgesagt.',
    );
    expect(withoutPhotoPointers('Der Klub hat Vicente Iborra (30, Foto) gesichert.')).toBe(
      'Der Klub hat Vicente Iborra (30) gesichert.',
    );
    expect(withoutPhotoPointers('Le ministre (photo : AFP) a démissionné.')).toBe(
      'Le ministre a démissionné.',
    );
    expect(withoutPhotoPointers('The Photo (2021) won an award.')).toBe('The Photo (2021) won an award.');
  });
});
