/** Demo people. Their passwords are printed at start-up: this content exists only to show Circles. */
export const DEMO_PASSWORD = 'circles-demo-2026';

export const DEMO_USERS = {
  admin: { email: 'admin@circles.example', displayName: 'Ada Admin', bio: 'Keeps Circles running.', isAdmin: true },
  clinician: {
    email: 'dr.okafor@circles.example',
    displayName: 'Dr. Amara Okafor',
    bio: 'Endocrinologist at Riverside Community Health Centre.',
    isAdmin: false,
  },
  nurse: {
    email: 'nurse.lee@circles.example',
    displayName: 'Jordan Lee RN',
    bio: 'Respiratory nurse educator.',
    isAdmin: false,
  },
  maya: { email: 'maya@circles.example', displayName: 'Maya Patel', bio: 'Type 1 since age 9. Pump user, coffee lover.', isAdmin: false },
  tom: { email: 'tom@circles.example', displayName: 'Tom Becker', bio: 'Newly diagnosed with type 2, learning as I go.', isAdmin: false },
  sofia: { email: 'sofia@circles.example', displayName: 'Sofía Ramírez', bio: "Living with Crohn's for 12 years.", isAdmin: false },
  liam: { email: 'liam@circles.example', displayName: 'Liam Chen', bio: 'Asthma and a very active toddler.', isAdmin: false },
  grace: { email: 'grace@circles.example', displayName: 'Grace Mensah', bio: 'MS warrior, gardener.', isAdmin: false },
  omar: { email: 'omar@circles.example', displayName: 'Omar Haddad', bio: 'Caring for my dad with dementia.', isAdmin: false },
  ines: { email: 'ines@circles.example', displayName: 'Inès Dubois', bio: 'Migraine and anxiety, one day at a time.', isAdmin: false },
} as const;

export type DemoUserKey = keyof typeof DEMO_USERS;
export type DemoUserIds = Record<DemoUserKey, string>;
