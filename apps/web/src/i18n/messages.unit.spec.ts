import { localeOf, MESSAGES, preferredLocale, translate } from './messages';

describe('the application words', () => {
  it('has every French word in English too', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
  });

  it("speaks the seed's French unless the browser prefers English", () => {
    expect(localeOf(['fr-FR', 'en'])).toBe('fr');
    expect(localeOf(['de-DE'])).toBe('fr');
    expect(localeOf(['en-GB', 'fr'])).toBe('en');
    expect(translate('fr', 'createTicket')).toBe('Créer un ticket');
  });

  it("takes the user's language first, then this browser's choice, then the browser's languages", () => {
    expect(preferredLocale('en', 'fr', ['fr-FR'])).toBe('en');
    expect(preferredLocale(null, 'en', ['fr-FR'])).toBe('en');
    expect(preferredLocale(undefined, null, ['en-US'])).toBe('en');
    expect(preferredLocale(null, 'de', ['de-DE'])).toBe('fr');
  });

  it('fills placeholders', () => {
    expect(translate('fr', 'results', { from: 1, to: 2, total: 2 })).toBe('De 1 à 2 sur 2');
  });
});
