export const PRIORITY_MATRIX = Symbol('PRIORITY_MATRIX');
