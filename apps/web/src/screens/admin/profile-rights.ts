/** The profile's rights with one right given or taken away. */
export const toggled = <Right extends string>(rights: Right[], right: Right): Right[] =>
  rights.includes(right) ? rights.filter((held) => held !== right) : [...rights, right];
