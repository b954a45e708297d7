/**
 * French signs of a crisis (Québec and elsewhere), as data. Text is normalised first (lower case, no
 * accents, straight apostrophes): write "me suicider", "a frappe", "detresse". To extend: see
 * crisisPatterns.en.ts; sentences go to tests/fixtures/safety/crisis.fr.jsonl.
 *
 * "Ce diabète me tue", "ça me tue", "tu me tues" are figures of speech (idioms below): on their own they
 * are not a crisis; a real sign in the same post ("je veux en finir") still is.
 */
import type { CrisisIdiom, CrisisLanguagePack, CrisisRule } from './crisis.js';

const JE = String.raw`(?:je|j'|j|moi je)`;
/** Someone close, as the subject of what they do to the author. */
const PERSONNE = String.raw`(?:il|elle|ils|elles|(?:mon|ma|mes|son|sa|notre)\s+(?:beau-pere|belle-mere|pere|mere|pa|papa|maman|parents?|chum|blonde|mari|femme|conjoint|conjointe|copain|copine|partenaire|ex|frere|soeur|oncle|tante|grand-pere|grand-mere|fils|fille|coloc|coloc(?:ataire)?|coach|prof|patron|patronne|famille|gardien|gardienne|voisin|voisine|cousin|cousine|tuteur|tutrice))`;
/** Someone else the post is about: "mon ami", "ma fille", "un membre". */
const AUTRUI = String.raw`(?:il|elle|quelqu'un|(?:mon|ma|un|une|notre)\s+(?:meilleure?\s+)?(?:amie?|chum|blonde|fils|fille|frere|soeur|mari|femme|conjointe?|pere|mere|ado|enfant|coloc|collegue|membre|cousine?|neveu|niece|voisine?|etudiante?|patiente?|client|cliente))`;
const MEDS = String.raw`(?:pilules|comprimes|medicaments|medocs|cachets|pills|insuline|tylenol|advil|acetaminophene|somniferes|antidepresseurs|opioides|fentanyl|benzos|ativan|seroquel|boite|pot|bouteille|flacon|stylos?|plaquette|prescription)`;

const r = (id: string, category: CrisisRule['category'], weight: number, source: string, options: Partial<CrisisRule> = {}): CrisisRule => ({
  id,
  category,
  weight,
  pattern: new RegExp(source, 'g'),
  ...options,
});
const idiom = (id: string, source: string): CrisisIdiom => ({ id, pattern: new RegExp(source, 'g') });

const rules: CrisisRule[] = [
  // ── suicide ──
  r('fr.me-suicider', 'suicide', 1, String.raw`\bme\s+(?:suicider|suicide|suicid)\b|\bsuicidaires?\b`, { negatable: true }),
  r('fr.suicide-word', 'suicide', 0.6, String.raw`\bsuicide\b`),
  r('fr.je-me-tuer', 'suicide', 1, String.raw`\b${JE}\s*(?:\w+\s+){0,4}?(?:me|m')\s*(?:tuer|tue|pendre|flinguer|foutre en l'air|jeter (?:sous|devant|en bas|du haut)|enlever la vie|ote la vie|oter la vie|faire sauter)\b`, { negatable: true, event: true }),
  r('fr.envie-de-me-tuer', 'suicide', 1, String.raw`\b(?:envie|gout|besoin|peur|tentee?|pret|prete|decide|decidee?)\s+(?:de\s+|d'|a\s+)?(?:me|m')\s*(?:tuer|suicider|pendre|flinguer|foutre en l'air|enlever la vie)\b`, { negatable: true }),
  r('fr.mettre-fin', 'suicide', 1, String.raw`\b(?:mettre|mettrai|mettre|mets|met|mis|mettais)\s+fin\s+a\s+(?:mes|ses|leurs|ma|sa)\s+(?:jours|vie)\b|\bm'enlever la vie\b`, { negatable: true, event: true }),
  r('fr.en-finir', 'suicide', 1, String.raw`\ben\s+finir\b(?!\s+avec\s+(?!(?:la vie|ma vie|tout|toute|moi|mes jours|l'existence|cette vie|ce monde|le monde))\S)`, { negatable: true }),
  r('fr.veux-mourir', 'suicide', 1, String.raw`\b(?:veux|voulais|voudrais|aimerais|souhaite|souhaiterais|envie de|j'ai hate de|pret a|prete a|prefere(?:rais)?|aimerais mieux|demande a)\s+(?:juste\s+|seulement\s+)?(?:mourir|crever|etre morte?|plus vivre|ne plus vivre|plus exister|ne plus exister|plus me reveiller|ne plus me reveiller|pas me reveiller|ne pas me reveiller|dormir pour toujours|disparaitre pour (?:toujours|de bon))\b`, { negatable: true, event: true }),
  r('fr.veux-disparaitre', 'suicide', 0.6, String.raw`\b(?:veux|voudrais|envie de|aimerais)\s+(?:juste\s+)?disparaitre\b`),
  r('fr.plus-vivre', 'suicide', 1, String.raw`\b(?:veux|voulais|voudrais|peux|envie de|gout de|force de)\s+plus\s+(?:vivre|exister|continuer a vivre|me reveiller)\b|\bj'?en peux plus de vivre\b|\b(?:n'?ai|ai)\s+plus\s+(?:envie|le gout|la force)\s+de\s+vivre\b`),
  r('fr.raison-de-vivre', 'suicide', 1, String.raw`\b(?:plus|aucune|pas de|quelle)\s+(?:aucune\s+)?raison\s+de\s+vivre\b|\bla vie ne vaut (?:plus|pas) la peine\b|\b(?:ca|la vie)\s+(?:ne\s+)?vaut plus la peine (?:de vivre|d'etre vecue|de continuer)\b|\bpourquoi (?:continuer a )?vivre\b`),
  r('fr.mieux-sans-moi', 'suicide', 1, String.raw`\b(?:mieux|plus heureux|plus heureuse|plus heureuses?)\s+sans\s+moi\b|\bserai[st]?\s+mieux\s+morte?s?\b|\b(?:souhaite|voudrais|j'aimerais)\s+(?:etre|que je sois)\s+morte?\b|\baurais jamais du naitre\b`),
  r('fr.idees-noires', 'suicide', 1, String.raw`\bidees?\s+(?:noires|suicidaires|de mort|de suicide)\b|\bpense(?:s|r|e)?\s+(?:au|a la|souvent a la|souvent au|a)\s+(?:suicide|mort|mourir|me tuer|me suicider|en finir)\b`, { negatable: true }),
  r('fr.methode', 'suicide', 1, String.raw`\b(?:sauter|me jeter|me lancer|plonger)\s+(?:du|d'un|en bas du|en bas d'un|devant le|devant un|sous le|sous un|du haut du|du haut d'un)\s+(?:pont|toit|balcon|immeuble|edifice|metro|train|char|auto|camion|autobus|falaise|fenetre|tour)\b|\b(?:me|m')\s*(?:ouvrir|couper|taillader)\s+les\s+(?:veines|poignets)\b`, { negatable: true }),
  r('fr.adieu', 'suicide', 0.6, String.raw`\b(?:lettre d'adieu|mot d'adieu|mon dernier message|dernier message|dire adieu|adieu (?:tout le monde|a tous|a toutes)|je vous dis adieu|c'est (?:un )?adieu|je serai plus la (?:demain|bientot)|je serai pas la (?:demain|longtemps))\b`),
  r('fr.autrui-suicide', 'suicide', 1, String.raw`\b${AUTRUI}\s+(?:\w+\s+){0,2}?(?:veut|voulait|va|allait|parle de|parlait de|menace de|menacait de|a essaye de|a tente de|essaie de|pense a|dit qu'(?:il|elle) (?:veut|va))\s+(?:se\s+|s')?(?:suicider|tuer|pendre|mourir|en finir|mettre fin a ses jours|enlever la vie|foutre en l'air)\b`, { event: true }),
  r('fr.se-suicider', 'suicide', 0.8, String.raw`\bse\s+suicider\b|\bs'est\s+(?:suicidee?|tuee?|pendue?|enleve la vie)\b`, { event: true }),
  r('fr.combien', 'suicide', 1, String.raw`\bcombien\b[^.?!]{0,50}\b(?:pour|faut-il pour|faut pour|faudrait pour)\s+(?:mourir|en finir|me tuer|tuer quelqu'un|ne (?:plus|pas) me reveiller|que ce soit mortel)\b|\bfacon (?:la plus )?(?:rapide|douce|sans douleur) de mourir\b`),
  r('fr.peux-plus', 'suicide', 0.5, String.raw`\bj'?en peux plus\b|\bje (?:n'?en )?peux plus\b|\bje (?:ne )?vois (?:plus|pas) (?:d'issue|de sortie|le bout)\b|\bje suis a bout\b|\bje (?:veux|vais) tout lacher\b|\bje baisse les bras\b`),

  // ── self-harm ──
  r('fr.me-couper', 'self-harm', 1, String.raw`\b(?:me|m')\s*(?:scarifier|scarifie|mutiler|mutile|taillader|taillade)\b|\b(?:scarification|automutilation|auto-mutilation)s?\b`, { negatable: true }),
  r('fr.envie-couper', 'self-harm', 1, String.raw`\b(?:envie|besoin|pulsions?|peur)\s+(?:de\s+|d')?(?:me|m')\s*(?:couper|bruler|faire du mal|faire mal|blesser|frapper|punir)\b|\b(?:recommence|recommencer|recommence a|rechute|rechuter)\s+(?:a\s+)?(?:me|m')\s*(?:couper|bruler|scarifier|faire du mal)\b`, { negatable: true }),
  r('fr.me-fais-du-mal', 'self-harm', 1, String.raw`\b${JE}\s*(?:\w+\s+){0,2}?(?:me|m')\s*(?:fais|faisais|suis fait|suis faite|fait)\s+(?:du\s+)?mal\b(?!\s+(?:au|a la|aux|en|au dos|au genou))|\b(?:me|m')\s*faire\s+du\s+mal\b`, { negatable: true, event: true }),
  r('fr.je-me-coupe', 'self-harm', 0.8, String.raw`\b${JE}\s*(?:\w+\s+){0,2}?(?:me|m')\s*(?:coupe|coupais|brule|brulais|frappe|frappais|griffe|griffais)\b(?!\s+(?:les|des|mes|la|le|un|une|du|de|en|avec|au|aux|pas|sur))`, { negatable: true, event: true }),

  // ── overdose ──
  r('fr.surdose-intent', 'overdose', 1, String.raw`\b(?:faire|fais|vais faire|veux faire|envie de faire|fait|fais)\s+une\s+(?:surdose|overdose|od)\b|\b(?:surdose|overdose)\s+(?:volontaire|expres|intentionnelle)\b`, { negatable: true, event: true }),
  r('fr.surdose-autrui', 'overdose', 1, String.raw`\b(?:il|elle|ils|mon \w+|ma \w+|quelqu'un)\s+(?:\w+\s+){0,2}?(?:a fait|fait|est en|fait une)\s+(?:une\s+)?(?:surdose|overdose|od)\b`, { event: true }),
  r('fr.surdose-word', 'overdose', 0.5, String.raw`\b(?:surdose|overdose|surdosage)s?\b`),
  r('fr.tout-pris', 'overdose', 1, String.raw`\b(?:pris|prendre|prends|avale|avaler|avales|m'injecter|injecte|injecter|vider|vide)\s+(?:toute? (?:la|ma|mon|sa|son)|tous mes|toutes mes|tous ses|toutes ses|toute? le|toute la|la boite|le pot|une boite|un pot|une poignee de|plein de|un paquet de|la bouteille|le flacon|trop de|(?:[2-9]\d|\d{3}|vingt|trente|quarante|cinquante|cent))\s*(?:\w+\s+)?(?:de\s+|d')?(?:mes\s+|ses\s+)?${MEDS}\b`, { event: true }),
  r('fr.reserve', 'overdose', 1, String.raw`\b(?:garde|gardes|accumule|ramasse|cache|mets de cote)\s+(?:mes|des|toutes mes|tous mes)\s+${MEDS}\b`),
  r('fr.dose-mortelle', 'overdose', 0.8, String.raw`\bdose\s+(?:mortelle|letale|fatale)\b`),
  r('fr.urgence', 'overdose', 0.5, String.raw`\b(?:respire plus|respire pas|ne respire plus|ne respire pas|se reveille pas|se reveille plus|inconsciente?|repond plus|repond pas)\b`),

  // ── abuse ──
  r('fr.il-me-frappe', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,2}?(?:ne\s+)?(?:me|m'|nous)\s*(?:a\s+|avait\s+|ont\s+)?(?:frappe|frappent|frappait|frappaient|bat|battent|battait|battu|battue|cogne|cognait|tape|tapait|tapent|gifle|giflait|etrangle|etranglait|pousse|poussait|brutalise|brutalisait|viole|violee|violait|agresse|agressee|touche|touchait|attouche|menace|menacait|enferme|enfermait|brule|brulait|blesse|blessait|maltraite|maltraitait|abuse|abusait|abusee|force|forcait|terrorise|terrorisait|bouscule|bousculait|lance des)\b`, { event: true }),
  r('fr.se-fait-battre', 'abuse', 1, String.raw`\b(?:${JE}\s*(?:me|m')\s*(?:fais|suis fait|suis faite|fait)|je\s+me\s+fais)\s+(?:battre|frapper|violer|tabasser|agresser|brasser|cogner|taper dessus|abuser|maltraiter)\b|\b(?:je suis|j'ai ete|j'etais)\s+(?:battue?|violee?|agressee?|maltraitee?|abusee?)\b`, { negatable: true, event: true }),
  r('fr.menace-tuer', 'abuse', 1, String.raw`\b(?:menace|menacait|menacent|menaces|a menace)\s+de\s+(?:me|nous|m')\s*(?:tuer|frapper|battre|faire du mal|blesser)\b|\b${PERSONNE}\s+va\s+me\s+(?:tuer|frapper|battre)\b(?![^.!?]{0,30}\b(?:si je|quand (?:il|elle) va (?:voir|savoir)|lol|haha|mdr))`, { event: true }),
  r('fr.violence-mots', 'abuse', 0.6, String.raw`\b(?:violence conjugale|violence familiale|violence domestique|agression sexuelle|abus sexuels?|inceste|attouchements|maltraitance)\b`),
  r('fr.peur-maison', 'abuse', 0.8, String.raw`\b(?:peur|crainte)\s+de\s+(?:rentrer|retourner)\s+(?:chez (?:moi|nous)|a la maison)\b|\bpeur\s+(?:de|du)\s+(?:mon|ma)\s+(?:chum|mari|conjoint|conjointe|pere|mere|beau-pere|belle-mere|blonde|copain|copine|ex)\b|\bpas en securite\s+(?:chez (?:moi|nous)|a la maison|avec (?:lui|elle))\b`),
  r('fr.prive-insuline', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,2}?(?:me|m')\s*(?:cache|cachait|enleve|enlevait|prend|prenait|confisque|confisquait|jette|jetait|refuse|refusait|empeche (?:de prendre|d'avoir|de manger|de sortir|de voir))\b[^.!?]{0,20}\b(?:insuline|medicaments|pilules|pompe|nourriture|manger|telephone|argent|sortir|cles)\b`, { event: true }),
];

const idioms: CrisisIdiom[] = [
  idiom('fr.ca-me-tue', String.raw`\b(?:ca|ce|cette|cet|ces|le|la|les|l'|mon|ma|mes|son|sa|tu|vous|ce \w+|cette \w+|ces \w+|le \w+|la \w+|les \w+|mon \w+|ma \w+|mes \w+)\s+(?:me|m')\s*(?:tue|tuent|tuait|tuaient|tues|tuez|tuera|achevent|acheve)\b`),
  idiom('fr.mourir-de', String.raw`\b(?:mourir|meurs|meurt|mort|morte|morts|mortes|crever|creve|crevais)\s+(?:de|d')\s*(?:rire|faim|soif|chaleur|froid|honte|fatigue|ennui|envie|peur|jalousie|curiosite)\b|\bmort de rire\b|\ba mourir\b|\bc'est mortel\b|\bmdr\b`),
  idiom('fr.tuer-le', String.raw`\btuer\s+(?:le temps|la douleur|les bacteries|les microbes|le gout|l'ambiance|le party|le moment)\b|\b(?:envie de le tuer|envie de la tuer)\b[^.!?]{0,20}\b(?:lol|mdr|haha)\b`),
  idiom('fr.surdose-de', String.raw`\b(?:overdose|surdose)\s+(?:de|d')\s*(?!(?:pilules|comprimes|medicaments|insuline|tylenol|acetaminophene|opioides|fentanyl|drogue|heroine|somniferes|benzos|cachets)\b)\w+`),
  idiom('fr.surdose-info', String.raw`\b(?:prevenir|eviter|prevention|risque|risques|signes|symptomes|traiter|en cas) (?:de|d'|des|d'une|d'un|une|les)?\s*(?:surdoses?|overdoses?)\b|\b(?:surdoses?|overdoses?)\s+(?:accidentelles?|d'opioides)\b[^.!?]{0,30}\b(?:prevention|formation|trousse|naloxone|statistiques)\b|\bnaloxone\b`),
  idiom('fr.en-finir-avec-chose', String.raw`\b(?:hate|vivement|enfin)\s+(?:de\s+|d')?en\s+finir\b|\ben\s+finir\s+avec\s+(?:ce|cette|ces|le|la|les|mon|ma|mes|l'|un|une|des)\s+(?!vie\b|jours\b)\w+|\bpour\s+en\s+finir\s+avec\b|\ben\s+finir\s+une\s+fois\s+pour\s+toutes\s+avec\b`),
  idiom('fr.couper-objet', String.raw`\bme\s+(?:couper|coupe|suis coupee?)\s+(?:les|des|mes|la|le|un|une|du|de|en|avec|au|aux)\b|\b(?:coupee?|brulee?)\s+(?:en\s+(?:cuisinant|coupant|me rasant|ouvrant)|avec\s+(?:le|un|mon)\s+(?:couteau|papier|rasoir|fer)|par accident|accidentellement)\b`),
  idiom('fr.suicide-info', String.raw`\b(?:prevention|semaine de prevention|taux) (?:du|de) suicide\b|\bsuicide (?:action|squad)\b|\bcentre de prevention du suicide\b`),
  idiom('fr.me-frappe-idee', String.raw`\b(?:ca|ce qui|ce qu'|ce qui m'a|ca m'a|ce que)\s*(?:me|m')\s*(?:a\s+)?frappe\b|\b(?:ca|la realite|la fatigue|la nouvelle|le diagnostic|l'hypo|l'hyper|la crise)\s+(?:m'a|me)\s+(?:frappe|fesse|rentre dedans)\b`),
  idiom('fr.me-fait-mal-corps', String.raw`\b(?:mon|ma|mes)\s+(?:dos|genou|genoux|ventre|tete|pied|pieds|jambe|jambes|bras|epaule|cou|hanche|dent|dents|estomac|coeur|doigt|doigts|poignet|cheville)\s+(?:me|m')\s*(?:fait|font|faisait|faisaient)\s+mal\b`),
  idiom('fr.peux-plus-de', String.raw`\bj'?en peux plus\s+(?:de|d'|des|du)\s+(?!vivre\b)\w+|\bje (?:n'?en )?peux plus\s+(?:de|d'|des|du)\s+(?!vivre\b)\w+`),
  idiom('fr.pensee-mort-soignant', String.raw`\bpense(?:r)?\s+a\s+la\s+mort\s+(?:de|d')\s+\w+`),
];

export const CRISIS_PATTERNS_FR: CrisisLanguagePack = {
  language: 'fr',
  rules,
  idioms,
  negationBefore: /\b(?:jamais|pas|aucunement|nullement)\b(?:\s+(?!(?:je|j|tu|il|elle|on|que|qui|qu|pourquoi|si|parce|quand|comment|et)\b)\S+){0,3}\s*$/,
  distantPast: /\b(?:il y a (?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|plusieurs|quelques|des|bien des) ans|(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt) ans (?:plus tard|apres)|quand j'etais (?:ado|adolescente?|jeune|petite?|enfant|au secondaire|au cegep)|a l'adolescence|dans ma jeunesse|au secondaire|en (?:19\d\d|20[01]\d)|l'an dernier|l'annee (?:passee|derniere)|dans le passe|autrefois|j'ai survecu|je m'en suis sortie?|aujourd'hui (?:je vais|ca va|je suis)|maintenant (?:je vais|ca va|je suis)|je suis (?:reconnaissante?|contente? d'etre (?:encore )?(?:la|en vie))|ca fait (?:\d+|deux|trois|quatre|cinq|dix) ans)\b/,
  stillNow: /\b(?:encore|de nouveau|a nouveau|ce soir|en ce moment|maintenant (?:j'ai|je veux|je pense)|ces temps-ci|ces jours-ci|recommence|rechute|cette semaine|aussi)\b/,
  commonWords: /\b(?:le|la|les|je|j'|tu|il|elle|est|pas|des|une|un|que|qui|et|mon|ma|mes|me|ne|avec|pour|dans|c'est|ca|ai|suis|au|du|de|sur|plus|moi|on|vous|nous|ce|cette|ces|mais|tres|avec|veux|j'ai|c'est|ca)\b/g,
};
