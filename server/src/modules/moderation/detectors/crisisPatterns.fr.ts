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
const PERSONNE = String.raw`(?:il|elle|ils|elles|(?:mon|ma|mes|son|sa|notre)\s+(?:(?:grand|grande|petit|petite|vieux|vieille|ancien|ancienne|nouveau|nouvelle)\s+)?(?:famille d'accueil|mere d'accueil|pere d'accueil|beau-pere|belle-mere|pere|mere|pa|papa|maman|parents?|chum|blonde|mari|femme|conjoint|conjointe|copain|copine|partenaire|ex|frere|soeur|oncle|tante|grand-pere|grand-mere|fils|fille|coloc|coloc(?:ataire)?|coach|prof|professeur|professeure|enseignant|enseignante|entraineur|entraineuse|pretre|patron|patronne|famille|gardien|gardienne|voisin|voisine|cousin|cousine|tuteur|tutrice))`;
/** Someone else the post is about: "mon ami", "ma fille", "un membre". */
const AUTRUI = String.raw`(?:il|elle|quelqu'un|(?:mon|ma|un|une|notre)\s+(?:meilleure?\s+)?(?:amie?|chum|blonde|fils|fille|frere|soeur|mari|femme|conjointe?|pere|mere|ado|enfant|coloc|collegue|membre|cousine?|neveu|niece|voisine?|etudiante?|patiente?|client|cliente))`;
/** What follows an accidental cut or burn ("je me suis coupée en cuisinant", "je me brûle sur le rond"). */
const ACCIDENT_APRES = String.raw`(?!\s+(?:les|des|mes|un|une|du|la|le|pas|en (?:cuisinant|coupant|me rasant|ouvrant|jardinant)|avec (?:le|un|mon|ma|la|une) (?:couteau|fer|papier|rasoir|ciseaux|mandoline|boite)|sur (?:le|la|une|un) (?:rond|four|poele|plaque|vitre|boite)|au (?:doigt|pouce|four)|a la (?:main|jambe)|par accident|accidentellement))`;
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
  r('fr.veux-mourir', 'suicide', 1, String.raw`\b(?:veux|voulais|voudrais|aimerais|souhaite|souhaiterais|envie de|gout de|le gout de|j'ai hate de|pret a|prete a|prefere(?:rais)?|aimerais mieux|demande a)\s+(?:juste\s+|seulement\s+)?(?:mourir|crever|etre morte?|plus vivre|ne plus vivre|plus exister|ne plus exister|plus me reveiller|ne plus me reveiller|pas me reveiller|ne pas me reveiller|dormir pour toujours|disparaitre pour (?:toujours|de bon))\b`, { negatable: true, event: true }),
  r('fr.veux-disparaitre', 'suicide', 0.6, String.raw`\b(?:veux|voudrais|envie de|aimerais)\s+(?:juste\s+)?disparaitre\b`),
  r('fr.plus-vivre', 'suicide', 1, String.raw`\b(?:veux|voulais|voudrais|peux|envie de|gout de|force de)\s+plus\s+(?:vivre|exister|continuer a vivre|me reveiller|etre ici|etre la|etre en vie)\b|\bj'?en peux plus de vivre\b|\b(?:n'?ai|ai)\s+plus\s+(?:envie|le gout|la force)\s+de\s+vivre\b`),
  r('fr.raison-de-vivre', 'suicide', 1, String.raw`\b(?:plus|aucune|pas de|quelle)\s+(?:aucune\s+)?raison\s+de\s+vivre\b|\bla vie ne vaut (?:plus|pas) la peine\b|\b(?:ca|la vie)\s+(?:ne\s+)?vaut plus la peine (?:de vivre|d'etre vecue|de continuer)\b|\bpourquoi (?:continuer a )?vivre\b`),
  r('fr.mieux-sans-moi', 'suicide', 1, String.raw`\b(?:mieux|plus heureux|plus heureuse|plus heureuses?)\s+sans\s+moi\b|\bserai[st]?\s+mieux\s+morte?s?\b|\b(?:souhaite|voudrais|j'aimerais)\s+(?:etre|que je sois)\s+morte?\b|\baurais jamais du naitre\b`),
  r('fr.idees-noires', 'suicide', 1, String.raw`\bidees?\s+(?:noires|suicidaires|de mort|de suicide)\b|\bpense(?:s|r|e)?\s+(?:au|a la|souvent a la|souvent au|a)\s+(?:suicide|mort|mourir|me tuer|me suicider|en finir)\b`, { negatable: true }),
  r('fr.methode', 'suicide', 1, String.raw`\b(?:sauter|me jeter|me lancer|plonger)\s+(?:du|de|d'|en bas|devant|sous|du haut)\s*(?:\w+\s+){0,2}?(?:pont|toit|balcon|immeuble|edifice|metro|train|char|auto|camion|autobus|falaise|fenetre|tour)\b|\b(?:me|m')\s*(?:ouvrir|couper|taillader)\s+les\s+(?:veines|poignets)\b`, { negatable: true }),
  r('fr.remerciements', 'suicide', 0.4, String.raw`\bmerci pour tout\b|\bpardonnez-moi\b|\bdesolee? pour tout\b`),
  r('fr.je-vous-aime', 'suicide', 0.4, String.raw`\bje vous aime(?: tous| toutes| tout le monde)?\b|\bvous avez ete (?:ma|une|comme une) (?:famille|lumiere)\b`),
  r('fr.quitte-groupe', 'suicide', -0.8, String.raw`\bje quitte (?:le|ce) groupe\b|\bdemenage\b|\bon se revoit\b|\bde retour dans\b|\bsouhaitez-moi bonne chance\b|\bdonne des nouvelles\b`),
  r('fr.lettre-adieu', 'suicide', 1, String.raw`\b(?:lettres?|mots?|messages?|textos?|courriels?|videos?)\s+d'adieu\b`),
  r('fr.plus-me-reveiller', 'suicide', 1, String.raw`\b(?:ne\s+)?(?:plus|jamais)\s+(?:me|se)\s+reveiller\b|\bdormir pour (?:toujours|de bon)\b|\bm'endormir pour (?:toujours|de bon)\b`, { negatable: true }),
  r('fr.si-jetais-plus-la', 'suicide', 1, String.raw`\bsi j'?(?:etais|etait) plus la\b|\bsi je (?:n'?etais|serais) plus la\b|\bsi je (?:disparaissais|mourais|partais pour de bon)\b|\bquand je (?:ne )?serai plus la\b`),
  r('fr.partir-pour-de-bon', 'suicide', 0.6, String.raw`\bpartir pour (?:de bon|toujours)\b|\ben finir pour de bon\b`),
  r('fr.cest-fini', 'suicide', 0.5, String.raw`\bc'est fini pour moi\b|\bje suis finie?\b|\bj'abandonne\b`),
  r('fr.quil-se-suicide', 'suicide', 1, String.raw`\bqu'(?:il|elle|ils|elles)\s+(?:\w+\s+){0,2}?(?:se suicider|se tuer|s'enlever la vie|mettre fin a ses jours|en finir)\b`),
  r('fr.adieu', 'suicide', 0.6, String.raw`\b(?:lettre d'adieu|mot d'adieu|mon dernier message|dernier message|dire adieu|adieu (?:tout le monde|a tous|a toutes)|je vous dis adieu|c'est (?:un )?adieu|je serai plus la (?:demain|bientot)|je serai pas la (?:demain|longtemps))\b`),
  r('fr.autrui-suicide', 'suicide', 1, String.raw`\b${AUTRUI}\s+(?:\w+\s+){0,2}?(?:veut|voulait|va|allait|parle de|parlait de|menace de|menacait de|a essaye de|a tente de|essaie de|pense a|dit qu'(?:il|elle) (?:veut|va))\s+(?:se\s+|s')?(?:suicider|tuer|pendre|mourir|en finir|mettre fin a ses jours|enlever la vie|foutre en l'air)\b`, { event: true }),
  r('fr.envie-que-ca-arrete', 'suicide', 0.6, String.raw`\b(?:envie|veux|voudrais|aimerais)\s+que\s+(?:tout|ca|la douleur|ma vie|la vie)\s+(?:s'arrete|finisse|arrete|se termine)\b|\btout arreter\b`),
  r('fr.definitif', 'suicide', 0.5, String.raw`\b(?:pour de bon|pour toujours|definitivement|une fois pour toutes)\b`),
  r('fr.si-je-me-reveille-pas', 'suicide', 0.7, String.raw`\bsi je (?:ne )?me reveille (?:pas|plus|jamais)\b`),
  r('fr.pas-une-perte', 'suicide', 0.5, String.raw`\b(?:pas une (?:grosse |grande )?perte|personne (?:s'en rendrait compte|le remarquerait|me manquerait|ne s'en rendrait compte)|personne va s'en rendre compte)\b`),
  r('fr.quantite-mortelle', 'suicide', 1, String.raw`\b(?:quelle quantite|combien)\b[^.?!]{0,40}\b(?:est|sont|serait|seraient|c'est)\s+(?:mortel(?:le)?s?|letale?s?|fatale?s?)\b`),
  r('fr.dire-adieu', 'suicide', 0.6, String.raw`\b(?:dire|dit|disait|dis|fait ses|fait mes|faire mes)\s+adieux?\b`),
  r('fr.repond-plus', 'suicide', 0.5, String.raw`\b(?:cell(?:ulaire)?|telephone) est (?:ferme|eteint)\b|\brepond (?:plus|pas)\b`),
  r('fr.tannee-de-vivre', 'suicide', 1, String.raw`\b(?:tannee?|fatiguee?|ecoeuree?|epuisee?|marre|ecoeure)\s+(?:de\s+|d')(?:vivre|la vie|exister)\b`),
  r('fr.moyens', 'suicide', 0.7, String.raw`\b(?:achete|acheter|trouve|prepare|j'ai|cache)\s+(?:une|la|des|un)\s+(?:corde|noeud coulant|fusil|arme a feu)\b|\bnoeud coulant\b`),
  r('fr.je-sais-ce-que', 'suicide', 0.5, String.raw`\bje sais ce que je vais faire\b|\bj'ai (?:un|mon) plan\b|\bc'est (?:ce soir|decide)\b`),
  r('fr.serai-plus-la', 'suicide', 1, String.raw`\bje (?:ne )?serai plus la\b`),
  r('fr.vie-sans-sens', 'suicide', 0.7, String.raw`\bla vie (?:n'?a|a) plus (?:aucun |de )?sens\b|\bma vie (?:n'?a|a) (?:plus )?aucun sens\b`),
  r('fr.decision', 'suicide', 0.5, String.raw`\b(?:ma decision est prise|j'ai pris ma decision|c'est decide|pour vrai cette fois|je vais m'en assurer|cette fois c'est la bonne)\b`),
  r('fr.pas-me-rendre', 'suicide', 0.5, String.raw`\b(?:pense pas|crois pas)\s+(?:me rendre|me rendre a|etre la pour|voir)\b`),
  r('fr.hauteurs', 'suicide', 0.6, String.raw`\b(?:regarde|regardais|cherche|cherchais)\s+(?:les\s+)?(?:ponts|toits|edifices|falaises|immeubles)\b`),
  r('fr.a-quoi-ca-sert', 'suicide', 1, String.raw`\ba quoi (?:ca|bon) (?:sert )?(?:de )?(?:continuer|vivre|me battre|se battre|tout ca)\b`),
  r('fr.moteur', 'suicide', 1, String.raw`\bmoteur (?:qui tourne|en marche|allume)\b|\bmonoxyde de carbone\b|\bbrule(?:r)? du charbon\b`),
  r('fr.mot-laisse', 'suicide', 0.5, String.raw`\blaisse (?:un|une) (?:mot|lettre)\b|\bdesolee? pour tout\b`),
  r('fr.humeur', 'suicide', 0.3, String.raw`\b(?:en depression|deprime|depressive?|desespere|desesperee|un fardeau|de trop|inutile)\b`),
  r('fr.hais-ma-vie', 'suicide', 0.5, String.raw`\b(?:hais|deteste|haiis) ma vie\b|\bje veux sortir de (?:cette vie|tout ca)\b`),
  r('fr.prevois', 'suicide', 1, String.raw`\b(?:prevois|planifie|compte|vais|veux|j'ai decide)\s+(?:de\s+|d')?(?:tout arreter|en finir|partir pour de bon)\b`, { negatable: true }),
  r('fr.funerailles', 'suicide', 0.7, String.raw`\b(?:j'imagine|imagine|je pense a|je planifie|je prepare)\s+mes (?:propres )?(?:funerailles|obseques|enterrement)\b`),
  r('fr.paisible', 'suicide', 0.3, String.raw`\b(?:ca me fait du bien|paisible|enfin en paix|enfin (?:me )?reposer)\b`),
  r('fr.secret', 'suicide', 0.3, String.raw`\b(?:le dites|dites-le|le dis|dis-le) a personne\b`),
  r('fr.tirer-balle', 'suicide', 1, String.raw`\b(?:me|se|m'|s')\s*(?:tirer|tire)\s+une\s+balle\b|\b(?:se|me)\s+pendre\b`),
  r('fr.pas-davenir', 'suicide', 1, String.raw`\b(?:me vois|m'imagine) (?:pas|plus) (?:vivante?|en vie|encore la|ici)\b`),
  r('fr.espere-emporte', 'suicide', 1, String.raw`\b(?:espere|souhaite|j'aimerais|prie)\b[^.!?]{0,40}\b(?:m'emporter|m'emporte|m'achever|m'acheve|que je (?:ne )?(?:me )?reveille pas|que je survive pas|me faire (?:frapper|happer) par (?:une|un) (?:auto|char|voiture|camion|autobus|train))\b`),
  r('fr.qui-lira', 'suicide', 0.6, String.raw`\ba (?:celui|celle|ceux|qui) (?:qui )?lira ceci\b|\bsi vous lisez ceci\b|\ba qui lira ceci\b`),
  r('fr.comment-le-faire', 'suicide', 1, String.raw`\b(?:planifie|planifier|je planifie|prevois|prevoir|cherche|chercher)\s+comment (?:le faire|faire ca|m'y prendre|en finir|partir)\b`),
  r('fr.arreter-traitement', 'suicide', 0.5, String.raw`\barreter (?:mon|ma|mes) (?:insuline|medicaments|dialyse|traitement)\b`),
  r('fr.laisser-faire', 'suicide', 0.5, String.raw`\blaisser (?:faire|aller|la maladie gagner)\b`),
  r('fr.photo-pilules', 'suicide', 0.7, String.raw`\bphoto (?:d'un tas|de toutes? (?:ses|mes)|d'une poignee|de plein) (?:de\s+|d')?pilules\b`),
  r('fr.bye', 'suicide', 0.5, String.raw`"(?:bye|adieu)"|\bjuste (?:bye|adieu)\b`),
  r('fr.se-suicider', 'suicide', 0.8, String.raw`\bse\s+suicider\b|\bs'est\s+(?:suicidee?|tuee?|pendue?|enleve la vie)\b`, { event: true }),
  r('fr.combien', 'suicide', 1, String.raw`\bcombien\b[^.?!]{0,50}\b(?:pour|faut-il pour|faut pour|faudrait pour)\s+(?:mourir|en finir|me tuer|se tuer|tuer quelqu'un|ne (?:plus|pas) (?:me|se) reveiller|que ce soit mortel)\b|\bfacon (?:la plus )?(?:rapide|douce|sans douleur) de mourir\b`),
  r('fr.peux-plus', 'suicide', 0.5, String.raw`\bj'?en peux plus\b|\bje (?:n'?en )?peux plus\b|\bje (?:ne )?vois (?:plus|pas) (?:d'issue|de sortie|le bout)\b|\bje suis a bout\b|\bje (?:veux|vais) tout lacher\b|\bje baisse les bras\b`),

  // ── self-harm ──
  r('fr.me-couper', 'self-harm', 1, String.raw`\b(?:me|m'|se|s')\s*(?:scarifier|scarifie|mutiler|mutile|taillader|taillade)\b|\b(?:scarification|automutilation|auto-mutilation)s?\b`, { negatable: true }),
  r('fr.envie-couper', 'self-harm', 1, String.raw`\b(?:envie|besoin|pulsions?|peur)\s+(?:de\s+|d')?(?:me|m')\s*(?:couper|bruler|faire du mal|faire mal|blesser|frapper|punir)\b|\b(?:recommence|recommencer|recommence a|rechute|rechuter)\s+(?:a\s+)?(?:me|m')\s*(?:couper|bruler|scarifier|faire du mal)\b`, { negatable: true }),
  r('fr.me-fais-du-mal', 'self-harm', 1, String.raw`\b${JE}\s*(?:\w+\s+){0,2}?(?:me|m')\s*(?:fais|faisais|suis fait|suis faite|fait)\s+(?:du\s+)?mal\b(?!\s+(?:au|a la|aux|en|au dos|au genou))|\b(?:me|m')\s*faire\s+(?:du\s+)?mal\b(?!\s+(?:au|a la|a l'|aux))`, { negatable: true, event: true }),
  r('fr.se-couper', 'self-harm', 1, String.raw`\b(?:se|s')\s*(?:couper|coupe|scarifier|scarifie|bruler|brule|mutiler|mutile|faire du mal|taillader)\b${ACCIDENT_APRES}`),
  r('fr.bras', 'self-harm', 0.8, String.raw`\b(?:me|se)\s+(?:brule|bruler|coupe|couper|griffe|scarifie|taillade|gratte)\s+(?:les|mes)\s+(?:bras|poignets|jambes|cuisses|hanches|mains)\b`),
  r('fr.cacher', 'self-harm', 0.4, String.raw`\bpour que personne (?:ne\s+)?(?:le\s+|les\s+)?(?:voie|voit|sache|remarque)\b|\bmanches longues\b|\bcacher (?:mes|les) (?:marques|cicatrices|coupures)\b`),
  r('fr.poignets-marques', 'self-harm', 0.6, String.raw`\b(?:mes|ses) (?:poignets|bras|cuisses|jambes) sont (?:tout |toutes )?(?:egratignes|coupes|marques|couverts|en sang)\b`),
  r('fr.pas-capable-arreter', 'self-harm', 0.4, String.raw`\b(?:suis pas|ne suis pas) capable d'arreter\b|\bpeux pas m'arreter\b|\bj'arrive pas a arreter\b`),
  r('fr.merite-mal', 'self-harm', 0.8, String.raw`\bmerit(?:e|ais|ait)\s+(?:d'avoir mal|de souffrir|d'etre punie?|la douleur|de me faire mal)\b`),
  r('fr.expres-sh', 'self-harm', 0.4, String.raw`\b(?:expres|volontairement)\b`),
  r('fr.grave', 'self-harm', 1, String.raw`\b(?:grave|gravee|graver|taillade|tailladee|scarifie)\s+(?:\w+\s+){0,3}?(?:dans|sur)\s+(?:mon|ma|mes|son|sa|ses)\s+(?:bras|poignet|poignets|cuisse|cuisses|jambe|jambes|peau|ventre)\b`),
  r('fr.coupures-sur', 'self-harm', 0.7, String.raw`\b(?:coupures|cicatrices|brulures|marques)\s+sur\s+(?:les|ses|mes)\s+(?:bras|poignets|cuisses|jambes|hanches|ventre)\b`),
  r('fr.pour-se-sentir', 'self-harm', 0.4, String.raw`\bpour (?:se|me) (?:sentir mieux|calmer|sentir quelque chose|sentir vivante?)\b|\bla seule (?:facon|chose)\b[^.!?]{0,30}\bme faire (?:du )?mal\b`),
  r('fr.ongles', 'self-harm', 0.6, String.raw`\b(?:m'enfonce|enfoncer|j'enfonce)\s+(?:les|mes)\s+ongles\b`),
  r('fr.tete-mur', 'self-harm', 1, String.raw`\b(?:me|se)\s+(?:frappe|frapper|frappais|cogne|cogner|cognais|tape|taper)\s+la\s+tete\s+(?:contre|sur|sur le|dans)\b`),
  r('fr.jusquau-sang', 'self-harm', 0.5, String.raw`\bjusqu'au sang\b|\bjusqu'a (?:saigner|ce que ca saigne)\b`),
  r('fr.je-me-coupe', 'self-harm', 1, String.raw`\b${JE}\s*(?:\w+\s+){0,2}?(?:me|m')\s*(?:coupe|coupais|brule|brulais|frappe|frappais|griffe|griffais)\b${ACCIDENT_APRES}`, { negatable: true, event: true }),
  r('fr.je-me-suis-coupee', 'self-harm', 1, String.raw`\b(?:je|j')\s*(?:me|m')\s*(?:suis|etais)\s+(?:encore\s+|de nouveau\s+|re)?(?:coupee?|brulee?|scarifiee?|frappee?|griffee?|mutilee?|taillade)\b${ACCIDENT_APRES}`, { negatable: true, event: true }),
  r('fr.lame', 'self-harm', 0.6, String.raw`\blames? de rasoir\b|\bexacto\b`),
  r('fr.rechute', 'self-harm', 0.4, String.raw`\brechute\b`),

  // ── overdose ──
  r('fr.surdose-intent', 'overdose', 1, String.raw`\b(?:faire|fais|vais faire|veux faire|envie de faire|fait|fais)\s+une\s+(?:surdose|overdose|od)\b|\b(?:surdose|overdose)\s+(?:volontaire|expres|intentionnelle)\b`, { negatable: true, event: true }),
  r('fr.surdose-autrui', 'overdose', 1, String.raw`\b(?:il|elle|ils|mon \w+|ma \w+|quelqu'un)\s+(?:\w+\s+){0,2}?(?:a fait|fait|est en|fait une)\s+(?:une\s+)?(?:surdose|overdose|od)\b`, { event: true }),
  // "overdose" itself is counted by the English rule (the same word in both languages).
  r('fr.surdose-word', 'overdose', 0.5, String.raw`\b(?:surdose|surdosage)s?\b`),
  r('fr.tout-pris', 'overdose', 1, String.raw`\b(?:pris|prendre|prends|avale|avaler|avales|m'injecter|injecte|injecter|vider|vide)\s+(?:toute? (?:la|ma|mon|sa|son)|tous mes|toutes mes|tous ses|toutes ses|toute? le|toute la|la boite|le pot|une boite|un pot|une poignee de|plein de|un paquet de|la bouteille|le flacon|trop de|toutes les|tous les|tout mon|toute ma|la moitie d'une|la moitie de la|la moitie du|une plaquette (?:complete|entiere) de|un pot (?:complet|entier) de|une boite (?:complete|entiere) de|(?:1\d|[2-9]\d|\d{3}|dix|quinze|vingt|trente|quarante|cinquante|cent))\s*(?:\w+\s+)?(?:de\s+|d')?(?:mes\s+|ses\s+)?${MEDS}\b`, { event: true }),
  r('fr.reserve', 'overdose', 1, String.raw`\b(?:garde|gardes|accumule|ramasse|cache|mets de cote)\s+(?:mes|des|toutes mes|tous mes)\s+${MEDS}\b`),
  r('fr.dose-mortelle', 'overdose', 0.8, String.raw`\bdose\s+(?:mortelle|letale|fatale)\b`),
  r('fr.expres', 'overdose', 0.5, String.raw`\b(?:expres|volontairement|intentionnellement|sciemment)\b`),
  r('fr.gros-bolus', 'overdose', 0.5, String.raw`\b(?:injecte|injectee|pris|donne)\s+(?:[4-9]\d|\d{3})\s+unites\b`),
  r('fr.pas-me-resucrer', 'overdose', 0.6, String.raw`\b(?:veux|vais) pas (?:me resucrer|traiter (?:mon|l')hypo|manger)\b`),
  r('fr.pot-vide', 'overdose', 0.6, String.raw`\b(?:pot|boite|flacon|bouteille|plaquette)s?\s+(?:de\s+\w+\s+)?vides?\b`),
  r('fr.somnolente', 'overdose', 0.4, String.raw`\b(?:tres|vraiment|super) (?:somnolente?|endormie?|dans les vapes)\b|\bgarde pas les yeux ouverts\b`),
  r('fr.pour-moi', 'overdose', 0.3, String.raw`\b(?:pour moi|pour moi-meme|sur moi)\b`),
  r('fr.urgence', 'overdose', 0.5, String.raw`\b(?:respire plus|respire pas|ne respire plus|ne respire pas|se reveille pas|se reveille plus|inconsciente?|repond plus|repond pas)\b`),

  // ── abuse ──
  r('fr.il-me-frappe', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,2}?(?:ne\s+)?(?:me|m'|nous)\s*(?:a\s+|avait\s+|ont\s+)?(?:frappe|frappent|frappait|frappaient|bat|battent|battait|battu|battue|cogne|cognait|tape|tapait|tapent|gifle|giflait|etrangle|etranglait|pousse|poussait|brutalise|brutalisait|viole|violee|violait|agresse|agressee|touche|touchait|attouche|menace|menacait|enferme|enfermait|brule|brulait|blesse|blessait|maltraite|maltraitait|abuse|abusait|abusee|force|forcait|terrorise|terrorisait|bouscule|bousculait|lance des|donne des coups|donnait des coups|donne une claque|donne des claques)(?:e|ee|es|ees)?\b(?!\s+(?:au|aux|a la|a l'|en|sur)\b)`, { event: true }),
  r('fr.se-fait-battre', 'abuse', 1, String.raw`\b(?:${JE}\s*(?:me|m')\s*(?:fais|suis fait|suis faite|fait)|je\s+me\s+fais)\s+(?:battre|frapper|violer|tabasser|agresser|brasser|cogner|taper dessus|abuser|maltraiter)\b|\b(?:je suis|j'ai ete|j'etais)\s+(?:battue?|violee?|agressee?|maltraitee?|abusee?)\b`, { negatable: true, event: true }),
  r('fr.menace-tuer', 'abuse', 1, String.raw`\b(?:menace|menacait|menacent|menaces|a menace)\s+de\s+(?:me|nous|m')\s*(?:tuer|frapper|battre|faire du mal|blesser)\b|\b${PERSONNE}\s+(?:va|allait|dit qu'(?:il|elle) va)\s+me\s+(?:tuer|frapper|battre|faire mal|faire du mal|blesser)\b(?![^.!?]{0,30}\b(?:si (?:elle|il|ils) (?:voit|voient|apprend|apprennent|sait|savent|trouve)|si je (?:mange|rate|oublie|manque|suis en retard|fais pas)|quand (?:elle|il) va (?:voir|savoir|apprendre)|lol|haha|mdr))`, { event: true }),
  r('fr.victime', 'abuse', 0.6, String.raw`\b(?:je suis|j'ai ete|j'etais)\s+(?:une?\s+)?victime\b`),
  r('fr.se-fait-frapper', 'abuse', 1, String.raw`\b(?:se fait|se faisait|s'est fait|se font|s'est faite?)\s+(?:battre|frapper|violer|tabasser|agresser|cogner|maltraiter|brutaliser)\b`, { event: true }),
  r('fr.violence-mots', 'abuse', 0.6, String.raw`\b(?:violence conjugale|violence familiale|violence domestique|agression sexuelle|abus sexuels?|inceste|attouchements|maltraitance)\b`),
  r('fr.pas-en-securite', 'abuse', 1, String.raw`\bpas en securite\s+(?:chez (?:moi|nous)|a la maison|avec (?:lui|elle|mon \w+|ma \w+))\b`),
  r('fr.peur-maison', 'abuse', 0.8, String.raw`\b(?:peur|crainte)\s+de\s+(?:rentrer|retourner)\s+(?:chez (?:moi|nous)|a la maison)\b|\bpeur\s+(?:de|du)\s+(?:mon|ma)\s+(?:chum|mari|conjoint|conjointe|pere|mere|beau-pere|belle-mere|blonde|copain|copine|ex)\b|\bpas en securite\s+(?:chez (?:moi|nous)|a la maison|avec (?:lui|elle))\b`),
  r('fr.gorge', 'abuse', 1, String.raw`\b(?:pris|prend|prenait|serre|serrait|empoigne|attrape)\s+(?:a|par)\s+la\s+gorge\b|\bles mains autour (?:de mon cou|du cou)\b`),
  r('fr.touche-enfant', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,3}?(?:touche|touchait|a touche|agresse|abuse de|abusait de)\s+(?:ma|mon|mes)\s+(?:petite?\s+)?(?:soeur|frere|fille|fils|enfants?|niece|neveu|cousine?)\b`, { event: true }),
  r('fr.frappe-ma-mere', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,5}?(?:frappe|bat|battait|frappait|cogne|cognait|etrangle|viole|tabasse)\s+(?:ma|mon|mes)\s+(?:mere|pere|soeur|frere|femme|blonde|enfants?|fille|fils|mari|chum)\b`, { event: true }),
  r('fr.garde-mon', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,4}?(?:garde|gardait|controle|controlait|confisque|confisquait|cache|cachait|prend|prenait|jette|jetait)\s+(?:mon|ma|mes)\s+(?:glucometre|lecteur|insuline|pompe|medicaments|pilules|argent|telephone|cell|passeport|cles)\b`, { event: true }),
  r('fr.prive-insuline', 'abuse', 1, String.raw`\b${PERSONNE}\s+(?:\w+\s+){0,6}?(?:me|m')\s*(?:cache|cachait|enleve|enlevait|prend|prenait|confisque|confisquait|jette|jetait|refuse|refusait|empeche (?:de prendre|d'avoir|de manger|de sortir|de voir))\b[^.!?]{0,20}\b(?:insuline|medicaments|pilules|pompe|nourriture|manger|telephone|argent|sortir|cles)\b`, { event: true }),
];

const idioms: CrisisIdiom[] = [
  idiom('fr.ca-me-tue', String.raw`\b(?:ca|ce|cette|cet|ces|le|la|les|l'|mon|ma|mes|son|sa|tu|vous|ce \w+|cette \w+|ces \w+|le \w+|la \w+|les \w+|mon \w+|ma \w+|mes \w+)\s+(?:me|m')\s*(?:tue|tuent|tuait|tuaient|tues|tuez|tuera|achevent|acheve)\b`),
  idiom('fr.me-tue-a-petit-feu', String.raw`\bme\s+tue(?:r)?\s+(?:a petit feu|a l'ouvrage|au travail|a la tache|a la job)\b`),
  idiom('fr.appareil-surdose', String.raw`\b(?:pompe|appareil|machine|stylo|capteur)\b[^.!?]{0,30}\b(?:surdose|overdose)\b`),
  idiom('fr.plutot-mourir-que', String.raw`\b(?:aimerais mieux|j'aimerais mieux|prefererais|plutot)\s+(?:mourir|crever|etre morte?)\s+(?:que|plutot que)\b(?![^.!?]{0,40}\b(?:dialyse|chimio|hopital|insuline|traitement|vivre comme ca|souffrir|continuer))`),
  idiom('fr.mourir-de', String.raw`\b(?:mourir|meurs|meurt|mort|morte|morts|mortes|crever|creve|crevais)\s+(?:de|d')\s*(?:rire|faim|soif|chaleur|froid|honte|fatigue|ennui|envie|peur|jalousie|curiosite)\b|\bmort de rire\b|\ba mourir\b|\bc'est mortel\b|\bmdr\b`),
  idiom('fr.tuer-le', String.raw`\btuer\s+(?:le temps|la douleur|les bacteries|les microbes|le gout|l'ambiance|le party|le moment)\b|\b(?:envie de le tuer|envie de la tuer)\b[^.!?]{0,20}\b(?:lol|mdr|haha)\b`),
  idiom('fr.surdose-de', String.raw`\b(?:overdose|surdose)\s+(?:de|d')\s*(?!(?:pilules|comprimes|medicaments|insuline|tylenol|acetaminophene|opioides|fentanyl|drogue|heroine|somniferes|benzos|cachets)\b)\w+`),
  idiom('fr.surdose-info', String.raw`\b(?:prevenir|eviter|prevention|risque|risques|signes|symptomes|traiter|en cas) (?:de|d'|des|d'une|d'un|une|les)?\s*(?:surdoses?|overdoses?)\b|\b(?:surdoses?|overdoses?)\s+(?:accidentelles?|d'opioides)\b[^.!?]{0,30}\b(?:prevention|formation|trousse|naloxone|statistiques)\b|\bnaloxone\b`),
  idiom('fr.en-finir-avec-chose', String.raw`\b(?:hate|vivement|enfin)\s+(?:de\s+|d')?en\s+finir\b|\ben\s+finir\s+avec\s+(?:ce|cette|ces|le|la|les|mon|ma|mes|l'|un|une|des)\s+(?!vie\b|jours\b)\w+|\bpour\s+en\s+finir\s+avec\b|\ben\s+finir\s+une\s+fois\s+pour\s+toutes\s+avec\b`),
  idiom('fr.couper-objet', String.raw`\bme\s+(?:couper|coupe|suis coupee?)\s+(?:les|des|mes|la|le|un|une|du|de|en|avec|au|aux)\s+\w|\b(?:je me suis|je me|me suis|s'est|se)\s+(?:coupee?|brulee?|coupe|brule)\s+(?:souvent\s+|toujours\s+|encore\s+)?(?:en\s+(?:cuisinant|coupant|me rasant|ouvrant)|avec\s+(?:le|un|mon)\s+(?:couteau|papier|rasoir|fer)|par accident|accidentellement)\b`),
  idiom('fr.suicide-sujet', String.raw`\bperdu (?:un|une|des|mon|ma|mes|notre) (?:\w+\s+){0,2}?(?:par|au|a cause du|a cause d'un) suicide\b|\bmarche commemorative\b|\bdeuil (?:par|apres un) suicide\b|\b(?:serie|film|livre|emission|article|cours|classe|presentation|questions?)\s+(?:\w+\s+){0,3}?(?:sur|au sujet du|a propos du) (?:le\s+)?suicide\b`),
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
  distantPast: /\b(?:il y a (?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|plusieurs|quelques|des|bien des) ans|(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt) ans (?:plus tard|apres)|quand j'etais (?:ado|adolescente?|jeune|petite?|enfant|au secondaire|au cegep)|quand j'avais \d+ ans|a \d+ ans\b[^.!?]{0,40}\bmaintenant\b|contente? d'etre restee?|a change ma vie|m'a sauve la vie|enfant;|dans mon enfance|durant mon enfance|dans ma (?:vingtaine|trentaine|quarantaine)|a l'adolescence|dans ma jeunesse|au secondaire|en (?:19\d\d|20[01]\d)|l'an dernier|l'annee (?:passee|derniere)|dans le passe|autrefois|j'ai survecu|je m'en suis sortie?|aujourd'hui (?:je vais|ca va|je suis)|maintenant (?:je vais|ca va|je suis)|je suis (?:reconnaissante?|contente? d'etre (?:encore )?(?:la|en vie))|ca fait (?:\d+|deux|trois|quatre|cinq|dix) ans)\b/,
  stillNow: /\b(?:encore|de nouveau|a nouveau|ce soir|en ce moment|maintenant (?:j'ai|je veux|je pense)|ces temps-ci|ces jours-ci|recommence|rechute|cette semaine|aussi)\b/,
  commonWords: /\b(?:le|la|les|je|j'|tu|il|elle|est|pas|des|une|un|que|qui|et|mon|ma|mes|me|ne|avec|pour|dans|c'est|ca|ai|suis|au|du|de|sur|plus|moi|on|vous|nous|ce|cette|ces|mais|tres|avec|veux|j'ai|c'est|ca)\b/g,
};
