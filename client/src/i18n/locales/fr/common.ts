import type { FrenchOf } from '../../types';
import type en from '../en/common';

export default {
  'layout.skipToContent': 'Aller au contenu',
  'layout.home': 'Accueil de Circles',
  'layout.menu': 'Menu',
  'layout.mainNav': 'Principale',
  'layout.accountNav': 'Compte',
  'layout.disclaimer': 'Circles offre du soutien entre pairs, pas des soins médicaux. En cas d’urgence, composez le numéro d’urgence de votre région.',
  'nav.myGroups': 'Mes groupes',
  'nav.findGroups': 'Trouver des groupes',
  'nav.clinicianQueue': 'File clinique',
  'nav.verifyClinicians': 'Vérifier le personnel clinique',
  'nav.profile': 'Profil',
  'nav.signOut': 'Se déconnecter',
  'nav.signIn': 'Se connecter',
  'nav.register': 'Créer un compte',

  'language.switchTo': 'English',
  'language.legend': 'Langue',
  'language.hint': 'Circles, ses courriels et ses messages utilisent cette langue sur tous les appareils où vous vous connectez.',
  'language.en': 'English',
  'language.fr': 'Français',
  'language.saved': 'Langue enregistrée.',
  'language.notSaved': 'La langue n’a pas pu être enregistrée dans votre compte. Réessayez.',

  'time.today': 'Aujourd’hui',
  'time.yesterday': 'Hier',
} satisfies FrenchOf<typeof en>;
