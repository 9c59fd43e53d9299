/** Data Injection's result codes (commoninjectionlib::getLogLabel), kept so GLPI users read the report as before. */
export const RESULT_CODES = {
  success: 10,
  warning: 12,
  typeMismatch: 22,
  mandatoryMissing: 23,
  creationNotAllowed: 31,
  updateNotAllowed: 32,
  valueNotFound: 33,
  valueTooLong: 37,
  refused: 39,
} as const;

export type ResultCode = (typeof RESULT_CODES)[keyof typeof RESULT_CODES];

/** An owner's refusal (a DomainError's code) in Data Injection's words: a right or scope missing is 39. */
const CODE_OF_REFUSAL: Record<string, ResultCode> = {
  forbidden: RESULT_CODES.refused,
  unauthenticated: RESULT_CODES.refused,
  invalid: RESULT_CODES.typeMismatch,
  conflict: RESULT_CODES.refused,
  not_found: RESULT_CODES.valueNotFound,
  too_large: RESULT_CODES.valueTooLong,
};

export const refusalCodeOf = (code: string): ResultCode => CODE_OF_REFUSAL[code] ?? RESULT_CODES.refused;

export const RESULT_LABELS: Record<ResultCode, { fr: string; en: string }> = {
  10: { fr: 'Données à insérer correctes', en: 'Data to insert are correct' },
  12: { fr: 'Avertissement', en: 'Warning' },
  22: { fr: "Une donnée n'est pas du bon type", en: 'One data is not the good type' },
  23: { fr: "Au moins un champ obligatoire n'est pas présent", en: 'At least one mandatory field is not present' },
  31: { fr: "Pas le droit d'importer les données", en: 'No right to import data' },
  32: { fr: 'Pas le droit de mettre à jour les données', en: 'No right to update data' },
  33: { fr: 'Donnée non trouvée', en: 'Data not found' },
  37: { fr: 'Taille de la donnée insérée trop grande', en: 'Size of the inserted value is too large' },
  39: { fr: 'Import refusé', en: 'Import not allowed' },
};

/** One problem of a line: its code and the field (column) it concerns. */
export interface LineProblem {
  code: ResultCode;
  field: string;
  message: string;
}
