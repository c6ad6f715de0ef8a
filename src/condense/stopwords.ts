/**
 * Compact stopword lists per language: function words that carry no topic. They serve language
 * detection (frequencies) and token filtering (summary centrality, story matching).
 */

const LISTS: Readonly<Record<string, string>> = {
  en: `a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
    down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
    here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its
    itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours
    ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're they've this those
    through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when
    when's where where's which while who who's whom why why's will with won't would wouldn't you you'd
    you'll you're you've your yours yourself yourselves said says say just now also would could may might
    must shall one two like get got however yet still us mr mrs ms`,
  de: `aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis
    bist da damit dann das dass dem den denn der des dessen die dies diese diesem diesen dieser dieses doch
    dort du durch ein eine einem einen einer eines er es etwas euch für gegen gewesen hab habe haben hat
    hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem
    jeden jeder jetzt kann kein keine können man mehr mein mich mir mit muss nach nicht nichts noch nun nur
    ob oder ohne schon sehr sein seine seinem seinen seiner seit sich sie sind so soll sollen sondern über
    um und uns unter vom von vor war waren warum was weil welche wenn wer werden wie wieder will wir wird
    wurde wurden zu zum zur zwar zwischen laut sagte sei`,
  fr: `à au aux avec avait avoir ce ceci cela celle celles celui ces cet cette comme dans de des du elle
    elles en est et été être eu fait il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos
    notre nous on ont ou où par pas plus pour qu que quel quelle qui sa sans se selon ses son sont sous sur
    ta te tes toi ton tous tout très tu un une vos votre vous y était sont aussi dont depuis entre après
    avant cette lors alors donc`,
  es: `a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el él ella
    ellas ellos en entre era es esa ese eso esta está están estas este esto estos fue fueron ha han hasta
    hay la las le les lo los más me mi mientras muy nada ni no nos o otra otro para pero poco por porque que
    qué quien se según ser si sí sin sobre son su sus también tanto te tiene todo todos tras tu un una uno
    unos y ya dijo había sido`,
  it: `a ad al alla alle anche avere aveva che chi ci come con contro cui da dal dalla dei del della delle
    dello di dove e è ed era erano essere fa gli ha hanno i il in io la le lei li lo loro lui ma mi molto ne
    nei negli nel nella nelle noi non o per perché più poi quale quando quella quelle quello questa queste
    questi questo se sei si sia siamo sono su sua sue sui sul sulla suo suoi tra tutti tutto un una uno
    vi sono stato stata secondo ha detto`,
  nl: `aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens
    en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iets ik in is ja je kan kon
    kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds
    te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wie wij wordt worden zal ze
    zei zelf zich zij zijn zo zonder zou volgens`,
  pt: `a ao aos as até com como da das de dela dele deles depois do dos e é ela elas ele eles em entre era
    essa esse esta está estão este eu foi foram há isso isto já la lhe mais mas me mesmo meu muito na nas
    não nem no nos nós o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus só
    sua suas também te tem têm um uma umas uns você segundo disse ainda sobre`,
  sv: `och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
    henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
    vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
    detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er
    sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina
    vars vårt våra ert era vilkas enligt ska också`,
  da: `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
    havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev
    kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig
    anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været
    thi jer sådan ifølge`,
  no: `og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om
    vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv
    sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere som deres kun ja etter
    ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir
    samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik
    vært være båe begge siden ifølge`,
  pl: `a aby ale bo by być był była było były będzie ci co czy dla do gdy gdzie go i ich im jak jako jej
    jest jestem jeszcze jego już ją ma mają mi mnie na nad nie nich nim niż no o od on ona one oni oraz po
    pod przez przy również się są ta tak także tam te tego tej ten to tu tylko tym w we więc z za ze że
    został została zostało według powiedział która który które którzy`,
};

const SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(LISTS).map(([lang, list]) => [lang, new Set(list.split(/\s+/u).filter((w) => w !== ''))]),
);

/** Languages with a stopword list, in a stable order. */
export const STOPWORD_LANGUAGES: readonly string[] = [...SETS.keys()];

const EMPTY: ReadonlySet<string> = new Set();

/** The lower-cased stopwords of a language; an empty set for a language without a list. */
export function stopwordsFor(language: string): ReadonlySet<string> {
  return SETS.get(language) ?? EMPTY;
}

/** True when the lower-cased word is a stopword of the language (English when the language has no list). */
export function isStopword(word: string, language = 'en'): boolean {
  return (SETS.get(language) ?? stopwordsFor('en')).has(word);
}
