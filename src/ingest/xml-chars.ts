/** Characters XML 1.0 forbids even escaped; pasted control codes in real feeds stop strict parsers. */
// eslint-disable-next-line no-control-regex -- matching exactly these control characters is the point
export const NOT_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
