/** Texts every page needs: the frame, navigation, language, time words, loading and errors. */
export default {
  'layout.skipToContent': 'Skip to content',
  'layout.home': 'Circles home',
  'layout.menu': 'Menu',
  'layout.mainNav': 'Main',
  'layout.accountNav': 'Account',
  'layout.disclaimer': 'Circles is peer support, not medical care. In an emergency, call your local emergency number.',
  'nav.myGroups': 'My groups',
  'nav.findGroups': 'Find groups',
  'nav.clinicianQueue': 'Clinician queue',
  'nav.verifyClinicians': 'Verify clinicians',
  'nav.profile': 'Profile',
  'nav.signOut': 'Sign out',
  'nav.signIn': 'Sign in',
  'nav.register': 'Create account',

  'language.switchTo': 'Français',
  'language.legend': 'Language',
  'language.hint': 'Circles, its emails and its messages use this language on every device you sign in on.',
  'language.en': 'English',
  'language.fr': 'Français',
  'language.saved': 'Language saved.',
  'language.notSaved': 'The language could not be saved to your account. Try again.',

  'time.today': 'Today',
  'time.yesterday': 'Yesterday',
} satisfies Record<string, string>;
