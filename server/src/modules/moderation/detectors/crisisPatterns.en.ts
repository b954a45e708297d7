/**
 * English signs of a crisis, as data. Text is normalised first (lower case, no accents, straight
 * apostrophes, "sooo" → "soo", "k1ll" → "kill"): write patterns in lower case without accents.
 * To extend: add a rule (weight 1 flags alone, less needs another sign), or an idiom that cancels the
 * rule matches it overlaps; then add sentences to tests/fixtures/safety/crisis.en.jsonl and run
 * `npm run measure:safety`.
 */
import type { CrisisIdiom, CrisisLanguagePack, CrisisRule } from './crisis.js';

const SELF = String.raw`(?:my\s*self|meself|myslef|mself)`;
const THEMSELF = String.raw`(?:him\s*self|her\s*self|them\s*sel(?:f|ves)|themself)`;
const I = String.raw`(?:i|i'?m|i am|i'?ve|i have|i'?ll|i will|i'?d|i would)`;
const WANT = String.raw`(?:want(?:ed|s)?|wanna|wish|ready|need|planning|plan|tempted|just want)\s*(?:to\s+)?`;
const PERSON_NOUN = String.raw`(?:(?:my|her|his|our|their)\s+(?:[a-z]+'s\s+)?)?(?:(?:step|foster|older|younger|big|little)\s*)?(?:mother-in-law|father-in-law|sister-in-law|brother-in-law|in-laws|dad|father|daddy|mom|mother|mum|mommy|parents?|husband|hubby|wife|partner|boyfriend|girlfriend|bf|gf|ex|brother|sister|uncle|aunt|grandpa|grandfather|grandma|grandmother|son|daughter|roommate|coach|teacher|boss|caregiver|fiance|fiancee|spouse|guardian|cousin|nephew|landlord|pastor|priest|family|babysitter|neighbou?r)`;
const PERSON = String.raw`(?:he|she|they|${PERSON_NOUN})`;
/** Someone else the post is about: "my friend", "a member here", "my son". */
const OTHER = String.raw`(?:he|she|they|someone|somebody|a friend|(?:my|our|a|her|his)\s+(?:(?:best|close|old)\s+)?(?:friend|bff|roommate|classmate|coworker|colleague|member|kid|child|teen|son|daughter|brother|sister|mom|mother|dad|father|husband|wife|partner|boyfriend|girlfriend|cousin|niece|nephew|student|patient|client|neighbou?r|mum|grandma|grandpa|aunt|uncle))`;
/** Not a person's body part or a game: "she hit her head", "he hits me up", "she beat me at chess". */
const NOT_VIOLENCE = String.raw`(?!\s+(?:head|knee|elbow|arm|leg|foot|toe|finger|hand|back|shoulder|face|nose|hip|ankle|wrist|shin|funny bone|mark|stride|limit|target|goal|peak|wall|snooze|record|spot|jackpot|button|up|at|to it|in|with (?:a|the) (?:question|joke|news)|a|an|some|coffee|lunch|dinner)\b)`;
const VICTIM = String.raw`(?:me|us|my\s+(?:mom|mother|mum|sister|brother|kids?|children|son|daughter|baby|little \w+|wife|husband|dog)|her|him|them)`;
const DRUGS = String.raw`(?:pills?|meds|medications?|medicine|tablets?|capsules?|insulin|tylenol|advil|acetaminophen|paracetamol|ibuprofen|aspirin|sleeping pills|oxy|oxys|oxycodone|oxycontin|morphine|percocets?|xanax|benzos?|antidepressants?|opioids?|fentanyl|heroin|dilaudid|hydromorphone|lorazepam|ativan|zopiclone|seroquel|lithium|metformin|units|pens?|bottle|bottles|box|pack|stash|prescriptions?)`;

const r = (id: string, category: CrisisRule['category'], weight: number, source: string, options: Partial<CrisisRule> = {}): CrisisRule => ({
  id,
  category,
  weight,
  pattern: new RegExp(source, 'g'),
  ...options,
});
const idiom = (id: string, source: string): CrisisIdiom => ({ id, pattern: new RegExp(source, 'g') });

const rules: CrisisRule[] = [
  // ── suicide: the act, the wish, the plan, the goodbye ──
  r('en.kill-myself', 'suicide', 1, String.raw`\b(?:kill|killing|kil|k\*ll|k\*\*l)\s*${SELF}\b`, { negatable: true }),
  r('en.kms', 'suicide', 1, String.raw`\bkms\b`),
  r('en.kill-themself', 'suicide', 1, String.raw`\b(?:kill|killing|killed|end|ending|shoot|shooting|hang|hanging|drown|drowning|poison|poisoning)\s+${THEMSELF}\b`),
  r('en.suicidal', 'suicide', 1, String.raw`\bsuicidal\b`, { negatable: true }),
  r('en.suicide-word', 'suicide', 0.6, String.raw`\b(?:suicide|su\*+cide|s\*+icide|sewer\s*slide|suicidio)\b`),
  r('en.suicide-act', 'suicide', 1, String.raw`\b(?:commit|committing|attempt|attempting|attempted|consider|considering|contemplat\w*|thinking about|think about|thoughts of|thought about|plan|planning|tried|try|trying)\s+(?:to\s+)?(?:commit\s+)?(?:suicide|sewerslide)\b`, { negatable: true }),
  r('en.suicide-plan', 'suicide', 1, String.raw`\bsuicide\s+(?:note|letter|plan|attempt|pact)\b`),
  r('en.unalive', 'suicide', 1, String.raw`\b(?:un-?aliv(?:e|ing)|self[- ]?delet(?:e|ing|ion)|catch(?:ing)? the bus|ctb)\b`, { negatable: true }),
  r('en.end-my-life', 'suicide', 1, String.raw`\b(?:end|ending|take|taking|took)\s+(?:my|his|her|their)\s+(?:own\s+)?life\b`, { negatable: true }),
  r('en.end-it-all', 'suicide', 1, String.raw`\b(?:end|ending|finish)\s+(?:it\s+all|everything|things\s+(?:for good|tonight|now)|it\s+(?:tonight|for good|once and for all|today))\b`, { negatable: true }),
  r('en.going-to-end-it', 'suicide', 1, String.raw`\b(?:going to|gonna|will|want to|wanna|about to|ready to|decided to|plan to|planning to|need to)\s+end\s+it\b(?!\s+(?:with|between|there|early|off))`, { negatable: true }),
  r('en.plan', 'suicide', 0.5, String.raw`\bi (?:have|'ve got|made|got|'ve made) a plan\b`),
  r('en.tonight', 'suicide', 0.5, String.raw`\btonight(?:'s| is) the night\b|\bthis is the (?:night|day)\b`),
  r('en.before-i-go', 'suicide', 0.5, String.raw`\bbefore i go\b|\bhow easy it would be\b`),
  r('en.goodbye-letter', 'suicide', 1, String.raw`\b(?:goodbye|farewell)\s+(?:note|letter|text|message|email|video)s?\b`),
  r('en.been-my-family', 'suicide', 0.4, String.raw`\byou(?:'ve| have) been (?:my|like a) family\b`),
  r('en.letters', 'suicide', 0.6, String.raw`\b(?:wrote|writing|written|left|leaving)\s+(?:letters?|notes?)\s+(?:to|for)\s+(?:my|everyone|all)\b`),
  r('en.not-around', 'suicide', 1, String.raw`\b(?:won'?t|will not|not going to|not gonna)\s+be\s+(?:here|around|alive)\s+(?:much longer|for long|tomorrow|by \w+|after \w+|next \w+|on \w+|at \w+)\b|\bnot (?:be|being) (?:here|around|alive) any\s?more\b`),
  r('en.nobody-notice', 'suicide', 1, String.raw`\b(?:nobody|no one|no-one)\s+(?:would|will)\s+(?:even\s+)?(?:notice|care|miss me)\s+if\s+i\s+(?:died|was gone|were gone|disappeared|killed myself|wasn'?t here|weren'?t here|was dead)\b`),
  r('en.thanks-goodbye', 'suicide', 0.4, String.raw`\b(?:thank you|thanks) for everything\b|\bi love you all\b|\bsorry everyone\b|\bplease forgive me\b`),
  r('en.leaving-group', 'suicide', -0.8, String.raw`\b(?:leaving|quitting|left) (?:the|this) (?:group|chat|forum)\b|\b(?:moving|moved) to\b|\bsee you (?:at|in|next|all)\b|\bback (?:in|next) (?:a|one|two) (?:week|month)s?\b|\bwish me luck\b`),
  r('en.drive-into', 'suicide', 1, String.raw`\b(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving)\s+(?:my car\s+)?(?:into|off)\s+(?:a|the)\s+(?:wall|tree|pole|bridge|truck|river|cliff|oncoming|traffic|ditch|lake)`, { negatable: true }),
  r('en.decision', 'suicide', 0.5, String.raw`\b(?:made my decision|my mind is made up|i'?ve decided|decision is made|(?:i'?ll|going to|gonna) make sure of it|for real this time|this time for real|i'?m sure this time)\b`),
  r('en.wont-make-it', 'suicide', 0.5, String.raw`\b(?:don'?t think i'?ll|won'?t|not going to)\s+make it\s+(?:to|through|until|past)\b`),
  r('en.heights', 'suicide', 0.6, String.raw`\b(?:looking up|looking at|staring at|researching|googling)\s+(?:tall\s+)?(?:buildings|bridges|rooftops|cliffs|how high)\b`),
  r('en.whats-the-point', 'suicide', 1, String.raw`\bwhat'?s the point (?:anymore|any more|of anything|of it all|of trying|of me|of being here)\b`),
  r('en.whats-the-point-bare', 'suicide', 0.5, String.raw`\bwhat'?s the point\b`),
  r('en.car-running', 'suicide', 1, String.raw`\b(?:garage|car)\b[^.!?]{0,30}\b(?:car|engine|motor) running\b|\bcarbon monoxide\b|\bexhaust pipe\b|\bburn(?:ing)? charcoal\b`),
  r('en.note-sorry', 'suicide', 0.5, String.raw`\bleft a (?:note|letter)\b|\bsorry for (?:everything|being a burden|being like this)\b`),
  r('en.low-mood', 'suicide', 0.3, String.raw`\b(?:depressed|depression|hopeless|worthless|a burden)\b`),
  r('en.hate-life', 'suicide', 0.5, String.raw`\bhate (?:my|this) life\b|\bi want out\b|\bwant out of (?:this|life)\b`),
  r('en.not-wake-up', 'suicide', 0.7, String.raw`\b(?:just\s+)?(?:not going to|won'?t|never going to|will never)\s+wake up\b(?!\s+(?:with|in|at|to|early|late|on time|for|before|without))`),
  r('en.ending-things', 'suicide', 1, String.raw`\b(?:end|ending)\s+things\b(?!\s+(?:with|between|off))`, { negatable: true }),
  r('en.funeral', 'suicide', 0.7, String.raw`\b(?:picturing|imagining|planning|thinking about|think about|dreaming about)\s+my (?:own )?funeral\b`),
  r('en.peaceful', 'suicide', 0.3, String.raw`\b(?:feels|feel|would be|so) peaceful\b|\bfinally (?:rest|be at peace|be free)\b`),
  r('en.secret', 'suicide', 0.3, String.raw`\b(?:please\s+)?don'?t tell anyone\b|\bpromise (?:not to|you won'?t) tell\b`),
  r('en.no-future', 'suicide', 1, String.raw`\bcan'?t see myself (?:being\s+)?(?:alive|here|around|living)\b|\bwon'?t (?:live|make it) to see\b`),
  r('en.hope-it-takes-me', 'suicide', 1, String.raw`\b(?:hop(?:e|ing)|pray(?:ing)?|wish(?:ing)?)\b[^.!?]{0,40}\b(?:takes? me (?:out|away)|kills? me\b(?!\s+(?:if|when|lol))|finish(?:es)? me off|is the end of me|(?:get|gets|be) hit by a (?:car|bus|truck|train)|(?:plane|car) crash)`),
  r('en.whoever-reads', 'suicide', 0.6, String.raw`\b(?:whoever|to whoever|if you'?re|to anyone) read(?:s|ing)? this\b`),
  r('en.how-to-do-it', 'suicide', 1, String.raw`\b(?:planning|plan|figuring out|thinking about|researching|decided|deciding)\s+how (?:to|i'?ll|i would|i'?m going to) do it\b`),
  r('en.stop-treatment', 'suicide', 0.5, String.raw`\b(?:stop|stopping|quit|quitting)\s+(?:taking\s+)?(?:my\s+)?(?:insulin|meds|medication|dialysis|treatment|eating)\b(?:\s+(?:completely|for good|altogether|on purpose))?`),
  r('en.let-it-happen', 'suicide', 0.6, String.raw`\blet(?:ting)? it happen\b|\blet (?:the )?(?:dka|disease|cancer|illness) (?:take|win|finish)\b`),
  r('en.rather-dead', 'suicide', 1, String.raw`\b(?:rather|prefer to) (?:be dead|die)\b(?=[^.!?]{0,40}\b(?:dialysis|chemo|hospital|insulin|treatment|surgery|live like this|go on like this|keep living|this pain|feel like this))`),
  r('en.pills-photo', 'suicide', 0.7, String.raw`\b(?:photo|picture|pic)\s+of\s+(?:a bunch of|all (?:her|his|my|their)|a pile of|a handful of)\s+(?:pills|meds)\b`),
  r('en.said-bye', 'suicide', 0.5, String.raw`\b(?:said|says|texted|wrote|posted)\s+"?(?:bye|goodbye)\b`),
  r('en.end-it', 'suicide', 0.6, String.raw`\b(?:end|ending)\s+it\b|\bit\s+(?:all\s+)?to\s+(?:end|stop)\b`, { negatable: true }),
  r('en.want-to-die', 'suicide', 1, String.raw`\b${WANT}(?:die|diie|diee|dye|be dead|not (?:be )?alive|not exist|stop existing|disappear forever|not wake up|never wake up|sleep forever|go to sleep (?:and|forever))\b`, { negatable: true, event: true }),
  r('en.makes-me-want-to-die', 'suicide', -0.5, String.raw`\bmakes? me want to die\b`),
  r('en.wish-dead', 'suicide', 1, String.raw`\bwish\s+(?:i\s+)?(?:was|were|could be|had been|'?d been)\s+(?:dead|gone|never born)|\bwish\s+i\s+(?:wasn'?t|weren'?t|was not|were not)\s+(?:alive|here|born|around)|\bwish\s+i\s+(?:could|would)\s+(?:just\s+)?(?:die|disappear|not wake up|go to sleep (?:and|forever)|fall asleep (?:and|forever)|stop existing)|\bwish\s+i(?:\s+had|'?d|\s+would have)\s+never\s+(?:been born|woken up|existed)|\b(?:hop(?:e|ing)|pray(?:ing)?|wish(?:ing)?)\s+(?:that\s+)?i\s+(?:don'?t|won'?t|never|do not|will not)\s+wake\s+up\b(?!\s+(?:with|in|at|to|low|high|early|late|during|again))`),
  r('en.fine-if-dead', 'suicide', 1, String.raw`\b(?:wouldn'?t mind|would(?:n'?t)? be (?:fine|ok|okay|a relief|so bad)|wouldn'?t care|would be relieved)\s+if\s+i\s+(?:died|didn'?t wake up|don'?t wake up|never woke up|was gone|were gone|wasn'?t here|got hit by a (?:car|bus|truck))|\bif i (?:died|don'?t wake up|didn'?t wake up|never woke up|was gone)\b[^.!?]{0,30}\b(?:fine|relief|okay|ok|wouldn'?t mind|wouldn'?t care|good thing|nobody would care)\b`),
  r('en.want-it-to-stop', 'suicide', 0.6, String.raw`\b(?:want|need|wish|make)\s+(?:it|everything|this|the pain|life|all of this|it all)\s+(?:all\s+)?(?:to\s+)?(?:stop|end)\b|\bmake it (?:all )?stop\b`),
  r('en.finality', 'suicide', 0.5, String.raw`\b(?:permanently|for good|forever|once and for all)\b`),
  r('en.disappear', 'suicide', 0.6, String.raw`\b(?:going to|gonna|want to|wanna|will|plan to|just)\s+disappear\b|\bnobody (?:will|would) (?:find|miss|notice) me\b`),
  r('en.means', 'suicide', 0.7, String.raw`\b(?:got|bought|have|buying|found|tied|tying|hid|hidden|keep)\s+(?:the|a|some|my)?\s*(?:rope|noose|gun|shotgun|pistol)\b|\bnoose\b`),
  r('en.bought-the-pills', 'suicide', 1, String.raw`\b(?:bought|got|have|saved|hid|stashed)\s+the\s+(?:pills|meds|rope|gun|blades?)\s+(?:already|ready|for (?:it|this|tonight))\b|\b(?:already|finally)\s+(?:bought|got)\s+the\s+(?:pills|rope|gun)\b`),
  r('en.pretending', 'suicide', 0.4, String.raw`\bhow much longer i can\b|\bcan'?t keep pretending\b|\bkeep pretending i'?m (?:ok|okay|fine)\b`),
  r('en.not-answering', 'suicide', 0.5, String.raw`\b(?:phone is (?:off|dead)|not answering|won'?t answer|isn'?t answering|doesn'?t answer|no answer|can'?t reach (?:her|him|them))\b|\bsaying goodbye\b|\bsaid goodbye\b|\bcheck on (?:her|him|them)\b`),
  r('en.jumping', 'suicide', 1, String.raw`\b(?:think|thinking|thought|dream|dreaming)\s+(?:about|of)\s+jumping\b|\bjump(?:ing)? (?:off|from) (?:the|my|a) (?:balcony|roof|bridge|building|window)\b`, { negatable: true }),
  r('en.tired-of-living', 'suicide', 1, String.raw`\b(?:tired|sick|exhausted)\s+of\s+(?:living|being alive|life|existing)\b|\bdone with (?:life|living)\b`),
  r('en.meaningless', 'suicide', 0.6, String.raw`\blife (?:has no|is) (?:meaning|meaningless|pointless)\b|\bno (?:meaning|point) (?:to|in) (?:life|anything)\b`),
  r('en.better-off', 'suicide', 1, String.raw`\b(?:better|happier|easier)\s+(?:\w+\s+){0,2}without me\b|\b(?:better off|be better|happier)\s+(?:dead|without me|if i (?:was|were|wasn'?t|weren'?t)\s+(?:gone|dead|here|around|alive))|\bbetter off dead\b`),
  r('en.dont-want-to-live', 'suicide', 1, String.raw`\b(?:don'?t|dont|do not|no longer|not sure i|don'?t know if i)\s+want\s+to\s+(?:live|be alive|exist|wake up|be here any\s?more|keep living|go on|be around)`),
  r('en.no-reason', 'suicide', 1, String.raw`\b(?:no|nothing to|not any|any)\s+(?:reason|point|purpose)\s+(?:for me\s+)?(?:to|in|of|for)\s+(?:live|living|being alive|going on|go on|keep going|keep living|carry on|continue|life|existing|my life)\b|\blife\s+(?:is|isn'?t|feels)\s+(?:not\s+)?worth\s+living|\bnot worth living\b|\bwhat'?s the point of (?:living|life|going on|being alive)`),
  r('en.cant-go-on', 'suicide', 0.5, String.raw`\bcan'?t\s+(?:go on|keep going|keep fighting|fight (?:this |it )?any\s?more|do this any\s?more|take (?:it|this) any\s?more|handle (?:it|this|life) any\s?more|live like this)|\bdone with (?:life|living|everything)\b|\bgive up on (?:life|living|everything)\b|\bready to give up\b`),
  r('en.method', 'suicide', 1, String.raw`\b(?:hang|hanging|hung|shoot|shooting|shot|drown|drowning|poison|poisoning|gas|suffocat\w*)\s+${SELF}\b|\b(?:jump|jumping|throw myself|step)\s+(?:off|from|in front of|under)\s+(?:a|an|the|my)\s+(?:bridge|building|roof|train|cliff|balcony|subway|metro|bus|truck|car|overpass|tower|window)`, { negatable: true }),
  r('en.wrists', 'suicide', 1, String.raw`\b(?:slit|slitting|slice|cut|cutting|open)\s+(?:my|his|her|their)\s+(?:wrists?|throat)\b`, { negatable: true }),
  r('en.goodbye', 'suicide', 0.6, String.raw`\b(?:this is (?:my )?goodbye|goodbye (?:everyone|all|forever|world)|my (?:final|last) (?:goodbye|message|post|words)|won'?t be (?:here|around) (?:much longer|tomorrow|anymore)|not be (?:here|around|alive) (?:much longer|tomorrow|by)|(?:wrote|writing|written|left)\s+(?:my|a)\s+(?:goodbye|farewell)\s+(?:note|letter)|giving away my (?:things|stuff|belongings))\b`),
  r('en.thoughts', 'suicide', 1, String.raw`\b(?:thinking|thought|think|thoughts|dreaming)\s+(?:about|of)\s+(?:dying|death|ending (?:it|my life|things|everything)|not (?:being here|waking up|existing)|killing myself|taking my (?:own )?life)\b|\bintrusive thoughts about (?:dying|death)\b`, { negatable: true }),
  r('en.third-person-no-life', 'suicide', 1, String.raw`\b(?:doesn'?t|does not|no longer|don'?t)\s+want\s+to\s+(?:live|be alive|be here any\s?more|wake up|go on|exist)\b`),
  r('en.third-person', 'suicide', 1, String.raw`\b${OTHER}\s+(?:\w+\s+){0,2}?(?:wants|is talking about|talks about|keeps talking about|keeps saying (?:she|he|they) (?:wants?|will)|threaten(?:s|ed|ing)?|said (?:she|he|they) (?:wants?|would|will|was going|is going)|texted (?:me\s+)?(?:that\s+)?(?:she|he|they) (?:wants?|is going|was going|will)|tried|is trying|is planning|might)\s+(?:to\s+)?(?:kill (?:him|her|them)sel(?:f|ves)|end (?:his|her|their) (?:own )?life|commit suicide|suicide|die|end it(?: all)?|not be here|not be around)\b`, { event: true }),
  r('en.hurt-me-to-die', 'suicide', 1, String.raw`\bhow (?:many|much)\b[^.?!]{0,40}\b(?:to|would|will|does it take to|it takes to)\s+(?:die|kill (?:me|myself|someone|a person)|be (?:fatal|lethal|deadly)|end it|not wake up)\b|\bhow (?:many|much)\b[^.?!]{0,40}\b(?:is|are|would be)\s+(?:fatal|lethal|deadly)\b|\bpainless(?:est)? way to (?:die|go)\b|\bquickest way to die\b`),

  // ── self-harm ──
  r('en.cut-myself', 'self-harm', 1, String.raw`\b(?:cut|cutting|cuts|burn|burning|burned|burnt|scratch|scratching|carve|carving|bruise|bruising|punish|punishing|starve|starving|hit|hitting|punch|punching)\s+${SELF}\b`, { negatable: true }),
  r('en.hurt-myself', 'self-harm', 0.7, String.raw`\b(?:hurt|hurting|harm|harming|injure|injuring)\s+${SELF}\b`, { negatable: true }),
  r('en.want-hurt-myself', 'self-harm', 1, String.raw`\b(?:want|wanna|urge|urges|need|going|gonna|tempted|keep|kept|been|started|afraid i(?:'?ll| will| might)|scared i(?:'?ll| will| might)|might|could|to)\s+(?:to\s+)?(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|punish|punishing|injure|injuring)\s+${SELF}\b`, { negatable: true }),
  r('en.on-purpose', 'self-harm', 1, String.raw`\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|hit|hitting|starve|starving)\s+${SELF}\s+(?:on purpose|deliberately|intentionally)\b`),
  r('en.cut-themself', 'self-harm', 1, String.raw`\b(?:cut|cutting|cuts|burn|burning|burns|scratch|scratching|starv\w+|harm|harming|hurt|hurting)\s+${THEMSELF}\b`),
  r('en.burning-arms', 'self-harm', 0.8, String.raw`\b(?:burning|burn|burned|burnt|cutting|cut|scratching|scratched|carving|carved|slicing)\s+(?:up\s+)?my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b(?!\s+(?:on|in|at|while|when|cooking|shaving|by accident))`),
  r('en.carved', 'self-harm', 1, String.raw`\b(?:carv(?:e|ed|ing)|cut|cutting|etch(?:ed|ing)?|scratch(?:ed|ing)?)\s+(?:\w+\s+){0,3}?(?:into|in|on)\s+my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach)\b`),
  r('en.cuts-on', 'self-harm', 0.7, String.raw`\b(?:cuts|scars|burns|marks)\s+on\s+(?:my|her|his|their)\s+(?:arms?|wrists?|thighs?|legs?|stomach|hips?)\b`),
  r('en.to-feel', 'self-harm', 0.4, String.raw`\b(?:does|do|did) it to (?:feel|cope|calm)\b|\bto feel (?:better|something|in control)\b`),
  r('en.only-way', 'self-harm', 0.4, String.raw`\bthe only (?:way|thing)\b[^.!?]{0,30}\b(?:hurting|cutting|burning|harming)\b`),
  r('en.hiding', 'self-harm', 0.4, String.raw`\bso (?:nobody|no one) (?:notices|sees|can see|will see|knows)\b|\bhide (?:it|them|the marks|the scars)\b|\blong sleeves\b`),
  r('en.wrists-marked', 'self-harm', 0.7, String.raw`\bmy (?:wrists|arms|legs|thighs) are (?:all\s+)?(?:scratched|cut|covered|marked|bleeding)\b`),
  r('en.cant-stop', 'self-harm', 0.3, String.raw`\bcan'?t stop\b|\bdon'?t know how to stop\b`),
  r('en.deserve-pain', 'self-harm', 0.8, String.raw`\b(?:deserve|deserved|deserving)\s+(?:the\s+)?(?:pain|to hurt|to suffer|to be hurt|to feel pain)\b`),
  r('en.on-purpose-sh', 'self-harm', 0.4, String.raw`\bon purpose\b`),
  r('en.urges', 'self-harm', 1, String.raw`\burges?\s+to\s+(?:cut|burn|self[- ]?harm|hurt myself|harm myself)\b(?!\s+(?:back|down|out|carbs|sugar|calories|costs))`),
  r('en.sh-ing', 'self-harm', 1, String.raw`\bsh(?:-?ing|-?ed|'?d)\b`),
  r('en.nails', 'self-harm', 0.6, String.raw`\b(?:dig|digging|dug|dig)\s+my\s+nails\s+into\b|\b(?:until|till|til)\s+(?:i|it|they)\s+bleeds?\b`),
  r('en.relapse', 'self-harm', 0.4, String.raw`\brelaps(?:e|ed|ing)\b`),
  r('en.blade', 'self-harm', 0.6, String.raw`\bthe blades?\b|\brazors?\b|\bbox cutter\b`),
  r('en.yourself', 'self-harm', 0.6, String.raw`\b(?:cut|burn|hurt|harm)\s+yoursel(?:f|ves)\b`),
  r('en.i-do-too', 'self-harm', 0.4, String.raw`\bi do (?:all the time|too|every day|constantly|it too)\b`),
  r('en.self-harm', 'self-harm', 1, String.raw`\bself[- ]?(?:harm(?:ing|ed)?|injur(?:y|ing|e|ed)|mutilat\w*)\b|\bsh\s+(?:again|relapse|urges?|scars?)\b|\brelaps\w*\s+(?:on|with|into)\s+(?:sh|self[- ]?harm|cutting)\b`, { negatable: true }),
  r('en.urge-to-cut', 'self-harm', 1, String.raw`\b(?:urges?|want|wanting|wanna|need|needing|craving|itching)\s+to\s+(?:cut|burn)\b(?:\s+(?:myself|again|so bad|so badly|really bad|tonight|badly|rn|right now|atm))*\s*(?:[.,!?]|$)`),
  r('en.cutting-again', 'self-harm', 1, String.raw`\b(?:cutting|cut|burning|burned)\s+again\b(?!\s+(?:on|back|down|out|carbs|sugar|the|my hair|costs))|\bstarted cutting\s*(?:[.,!?]|$|again)|\bfresh (?:cuts|scars|wounds)\b|\b(?:hide|hiding|covering) (?:my|the) (?:cuts|scars)\b|\brazor blades?\b`),

  // ── overdose ──
  r('en.overdose-intent', 'overdose', 1, String.raw`\b(?:${I}|wanna|want to|going to|gonna|planning to|plan to|thinking (?:about|of)|might|could)\s+(?:just\s+)?(?:overdose|overdosing|od|o\.d\.)\b|\b(?:overdose|od)\s+on purpose\b|\bintentional overdose\b`, { negatable: true }),
  r('en.overdosed', 'overdose', 1, String.raw`\b(?:i|he|she|they|someone|my \w+)\s+(?:just\s+|might have\s+|may have\s+|think (?:i|he|she|they)\s+)?(?:overdosed|od'?d|od'?ed|is overdosing|are overdosing|am overdosing|has overdosed|have overdosed|might be overdosing|is od'?ing)\b`, { event: true }),
  r('en.overdose-word', 'overdose', 0.5, String.raw`\b(?:overdos\w*|o\.d\.)`),
  r('en.took-all', 'overdose', 1, String.raw`\b(?:took|take|taking|swallowed|swallow|swallowing|popped|pop|ate|injected|inject|injecting|downed|down|downing|dumped|use|using)\s+(?:all|every|a whole|the whole|an entire|the entire|the rest of|a bunch of|a handful of|handfuls of|way too many|tons of)\s+(?:of\s+)?(?:(?:my|his|her|their|the|those|these)\s+)?(?:[a-z]+\s+)?${DRUGS}\b(?!\s+of\s+(?:wine|water|juice|soda|pop|coke|milk|cookies|chocolates?|candy|chips|cereal|tissues))`, { event: true }),
  r('en.took-many', 'overdose', 1, String.raw`\b(?:took|taken|swallowed|popped|downed)\s+(?:like\s+|about\s+|over\s+)?(?:1\d|[2-9]\d|\d{3}|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred)\s+(?:extra[- ]strength\s+)?(?:of\s+(?:my|the|his|her)\s+)?(?:pills|tablets|capsules|tylenol|advil|sleeping pills|xanax|oxy\w*|percocets?|benzos|ativan|lorazepam|seroquel|antidepressants|extra strength)\b`, { event: true }),
  r('en.whole-supply', 'overdose', 1, String.raw`\b(?:took|take|taking|swallowed|ate|downed|injected)\s+(?:my|the|a|his|her)\s+(?:whole|entire)\s+(?:month|week|supply|prescription|refill|stash|bottle|box|pack|pen|vial)`),
  r('en.on-purpose-dose', 'overdose', 0.5, String.raw`\bon purpose\b|\bdeliberately\b|\bintentionally\b`),
  r('en.big-bolus', 'overdose', 0.5, String.raw`\b(?:bolus(?:ed)?|injected|took|gave myself|dosed|shot)\s+(?:like\s+)?(?:[4-9]\d|\d{3})\s+units?\b`),
  r('en.not-treat', 'overdose', 0.6, String.raw`\b(?:don'?t|not going to|won'?t|refuse to)\s+(?:want to\s+)?treat (?:it|the low|this low|my low)\b`),
  r('en.empty-bottle', 'overdose', 0.6, String.raw`\bempty (?:pill\s+)?(?:bottle|pack|box|blister|container)s?\b`),
  r('en.half-bottle', 'overdose', 1, String.raw`\b(?:took|swallowed|ate|downed|drank|popped)\s+(?:half|most)\s+(?:a|of a|of the|of her|of his|of my|of their)\s+(?:bottle|box|pack|jar|container)\b`),
  r('en.drowsy', 'overdose', 0.4, String.raw`\b(?:really|very|so) (?:drowsy|sleepy|out of it)\b|\bcan'?t keep (?:her|his|their|my) eyes open\b|\bwon'?t stay awake\b`),
  r('en.took-everything', 'overdose', 1, String.raw`\b(?:took|swallowed|ate|downed|taken)\s+everything\s+(?:in|from)\s+(?:my|the|our)\s+(?:medicine cabinet|cabinet|pill ?box|pill organizer|drawer|prescriptions?)\b`),
  r('en.too-many-pills', 'overdose', 0.6, String.raw`\b(?:took|taken|swallowed|took way|has taken|had taken)\s+(?:way\s+)?too\s+(?:many|much)\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|the\s+)?(?:[a-z]+\s+)?(?:pills|meds|tablets|sleeping pills|tylenol|xanax|benzos|oxy|percocets?)\b`, { event: true }),
  r('en.stockpile', 'overdose', 1, String.raw`\b(?:stockpil\w*|saving up|hoarding|collecting)\s+(?:my\s+)?(?:[a-z]+\s+)?(?:${DRUGS})|\b(?:have|got)\s+(?:the|enough|all the)\s+(?:${DRUGS})\s+(?:ready|saved|lined up|to do it|to end it)`),
  r('en.lethal-dose', 'overdose', 0.8, String.raw`\b(?:lethal|fatal|deadly)\s+(?:dose|amount|overdose|quantity)\b`),
  r('en.emergency', 'overdose', 0.5, String.raw`\b(?:not|isn'?t|is not|won'?t|can'?t|cannot|barely)\s+(?:breathing|wake (?:him|her|them) up|waking up|responding|responsive|conscious)\b|\bunresponsive\b|\blips (?:are|turning) blue\b|\bpassed out\b|\bunconscious\b`),

  // ── abuse ──
  r('en.throat', 'abuse', 1, String.raw`\b(?:grab(?:bed|s)?|squeez(?:ed|es)|held|holds|pinned)\s+(?:me by\s+)?my\s+(?:throat|neck)\b|\bhands? around my (?:throat|neck)\b`),
  r('en.touches-child', 'abuse', 1, String.raw`\b${PERSON}\s+(?:\w+\s+){0,3}?(?:touch(?:es|ed|ing)|molest(?:s|ed|ing)|abus(?:es|ed|ing))\s+(?:my|her|his)\s+(?:little |younger |baby |older )?(?:sister|brother|daughter|son|kids?|children|niece|nephew|cousin)\b`, { event: true }),
  r('en.person-hits', 'abuse', 1, String.raw`\b${PERSON}\s+(?:\w+\s+){0,5}?(?:hits?|hitting|beats?|beating|beat up|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|shov(?:es|ed|ing)|smack(?:s|ed|ing)?|whip(?:s|ped)?|burn(?:s|ed)|push(?:es|ed)|threw|throws|drag(?:s|ged)|pin(?:s|ned)|grab(?:s|bed)|rap(?:es|ed)|molest(?:s|ed|ing)?|grop(?:es|ed|ing)|abus(?:es|ed|ing)|assault(?:s|ed)?)\s+${VICTIM}\b${NOT_VIOLENCE}`, { event: true }),
  r('en.person-hurts-me', 'abuse', 1, String.raw`\b${PERSON}\s+(?:\w+\s+){0,2}?(?:hurts?|hurting|touch(?:es|ed)|threaten(?:s|ed)?|forc(?:es|ed)|lock(?:s|ed)|starv(?:es|ed))\s+(?:me|us)\b(?!\s+(?:feelings|by accident|emotionally|when (?:she|he) left))`, { event: true }),
  r('en.person-scares-me', 'abuse', 0.6, String.raw`\b${PERSON}\s+(?:\w+\s+){0,2}?(?:control(?:s|led)|scares?|scared|terrifies|terrified|yells at|screams at|watches|tracks)\s+(?:me|us)\b`, { event: true }),
  r('en.threat-kill', 'abuse', 1, String.raw`(?:\b(?:threaten(?:s|ed|ing)?|swore|promised)\s+(?:\w+\s+){0,2}?|\b${PERSON}(?:'ll|\s+(?:will|would|is going|'?s going|is gonna|'?s gonna|gonna))\s+(?:\w+\s+)?)(?:to\s+)?(?:kill|hurt|beat|hit|stab|shoot)\s+(?:me|us|my \w+|the (?:kids|children|baby|dog))\b(?!\s+(?:if i (?:eat|don'?t (?:do|clean|finish|call|text))|lol|haha|for (?:eating|forgetting|being late)))`, { event: true }),
  r('en.said-kill', 'abuse', 0.6, String.raw`\b(?:said|says|told me)\s+(?:\w+\s+){0,2}?(?:kill|hurt|beat)\s+(?:me|us)\b`, { event: true }),
  r('en.being-abused', 'abuse', 1, String.raw`\b(?:i'?m|i am|i'?ve been|i have been|being|getting|got|was|were)\s+(?:being\s+)?(?:abused|beaten(?: up)?|raped|molested|assaulted|sexually assaulted|choked|strangled|trafficked|groomed)\b|\bhit by (?:him|her|my \w+)\b`, { negatable: true, event: true }),
  r('en.abuse-words', 'abuse', 0.6, String.raw`\b(?:domestic (?:violence|abuse)|abusive (?:relationship|partner|husband|wife|boyfriend|girlfriend|parents?|dad|mom|home)|sexual(?:ly)? (?:abuse|abused|assault|assaulted)|incest|child abuse)\b`),
  r('en.not-safe', 'abuse', 1, String.raw`(?:\bnot|n'?t|\bnever) (?:feel |feeling )?safe (?:at home|with (?:him|her|them|my \w+)|around (?:him|her|them|my \w+))\b`),
  r('en.afraid-home', 'abuse', 0.8, String.raw`\b(?:afraid|scared|terrified|too scared)\s+(?:to go (?:home|back)|of (?:going home|${PERSON_NOUN}))|\bhe(?:'?s| is) going to kill me\b`),
  r('en.withholds', 'abuse', 1, String.raw`\b${PERSON}\s+(?:\w+\s+){0,6}?(?:takes?|took|hides?|hid|keeps?|kept|controls?|controlled|holds?|withholds?|withheld|throws? away|threw away|won'?t (?:let me (?:have|take|get|see|leave|eat)|give me))\b[^.!?]{0,20}\b(?:insulin|meds|medication|medicine|pills|pump|meter|glucose meter|glucometer|food|phone|money|keys|passport|leave|eat)\b`, { event: true }),
  r('en.bruises', 'abuse', 0.5, String.raw`\b(?:bruises|black eye|marks)\s+(?:from|he|she|that (?:he|she))\b|\bcover(?:ing)? (?:up )?(?:the )?bruises\b`),
];

const idioms: CrisisIdiom[] = [
  idiom('en.killing-it', String.raw`\bkill(?:ing|ed|s)?\s+it\b`),
  idiom('en.die-for', String.raw`\b(?:die|dying)\s+(?:for|to (?:know|see|try|meet|go|get|hear|read|eat|sleep)|of (?:laughter|laughing|embarrassment|shame|boredom|cringe|cuteness|heat|thirst|hunger)|laughing)\b|\bto die for\b|\bdied laughing\b`),
  idiom('en.could-die', String.raw`\b(?:i could|could just|i could just|i nearly|i almost|i literally)\s+die\b(?![^.!?]{0,15}\b(?:tonight|now|today)\b)`),
  idiom('en.overdosed-on-food', String.raw`\b(?:overdos\w*|od'?d?|o\.d\.)\s+(?:on|with)\s+(?!(?:pills|meds|medication|insulin|tylenol|acetaminophen|opioids|fentanyl|heroin|oxy\w*|xanax|benzos|sleeping|my|his|her|their|drugs|something|it|them|percocets?|morphine)\b)\w+`),
  idiom('en.overdose-info', String.raw`\b(?:overdose|od)\s+(?:threshold|risk|symptoms|signs|prevention|awareness|deaths?|rates?|crisis|epidemic|kit|kits|training|reversal|response|site|sites|symptom|treatment|protocol)\b|\b(?:prevent|avoid|reverse|reversing|risk of|signs of|symptoms of|treat|treating|in case of|chance of)\s+(?:an?\s+)?(?:accidental\s+)?(?:insulin\s+|opioid\s+)?overdos\w*|\b(?:narcan|naloxone)\b[^.!?]{0,30}\b(?:training|kit|carry|pharmacy|free)\b`),
  idiom('en.od-eye', String.raw`\bod\s*[-+]?\d|\b(?:od|os|ou)\s*(?:and|&|\/)\s*(?:od|os|ou)\b`),
  idiom('en.kill-the', String.raw`\bkill(?:ing|s|ed)?\s+(?:the|my|this|that|these|those|some|a few)\s+(?:pain|time|bacteria|germs|mood|vibe|battery|buzz|cravings?|headache|infection|weeds|lights|engine|bugs?|yeast|fungus|virus)\b|\bkill(?:ing|s)? time\b`),
  idiom('en.killing-me', String.raw`\b(?:is|are|was|were|'s|'re|s)\s+killing\s+me\b|\b(?:it|this|that|you|they|these|those)\s+kills?\s+me\b|\bkill(?:ing)?\s+me\s+softly\b`),
  idiom('en.cut-myself-accident', String.raw`\b(?:cut|burn(?:ed|t)?|hurt|injured)\s+${SELF}\s+(?:shaving|cooking|chopping|while|when|on (?:a|the)|with (?:a|the) (?:knife|can|paper|razor while|iron)|by accident|accidentally|slicing|opening|lifting|at the gym|at work|playing|running|falling|gardening|changing|getting)\b|\b(?:accidentally|by accident)\s+(?:cut|burn(?:ed|t)?|hurt)\s+${SELF}\b`),
  idiom('en.cut-carbs', String.raw`\b(?:cut(?:ting)?|burn(?:ing)?)\s+(?:again\s+)?(?:carbs|sugar|back|down|out|calories|fat|costs|ties|the \w+|my hair|bread|dairy|gluten|caffeine)\b`),
  idiom('en.hit-by-thing', String.raw`\b(?:it|this|that|reality|the \w+|a \w+|fatigue|exhaustion|grief|depression|anxiety|the low|the high|covid|the flu|the news)\s+(?:really\s+|just\s+|finally\s+)?(?:hits?|hit|hitting)\s+me\b|\b(?:dog|cat|puppy|kitten)\s+\w*\s*(?:bit|bites|hits?|scratch\w*)\s+me\b`),
  idiom('en.suicide-info', String.raw`\bsuicide\s+(?:prevention|awareness|rates?|statistics|stats|squad|is painless|bomb\w*|doors|mission|risk assessment|hotline number|prevention week|training|survivors? (?:group|walk))\b|\bworld suicide prevention\b`),
  idiom('en.want-to-die-phrase', String.raw`\b(?:want to|wanna|going to|gonna)\s+die\s+(?:of|from)\s+(?:laughter|laughing|embarrassment|shame|cringe|boredom)\b|\bdie\s+(?:a little|inside)\b|\b(?:die|died|dying)\s+on\s+(?:that|this)\s+hill\b|\bdying to\b`),
  idiom('en.end-it-object', String.raw`\bend\s+it\s+(?:with|between|there|early|off)\b|\bit\s+to\s+(?:end|stop)\s+(?:soon|already)\b.*\b(?:rain|meeting|shift|day|week|winter|flare|cold|migraine|pain)\b`),
  idiom('en.lyrics', String.raw`\b(?:lyrics?|song|sings?|singing|sang|the line goes|album|chorus)\b[^.!?]{0,40}"[^"]{0,120}"|"[^"]{0,120}"[^.!?]{0,40}\b(?:lyrics?|song|by [a-z]+)\b`),
  idiom('en.hurt-my-feelings', String.raw`\bhurts?\s+(?:me|us)\s+(?:to|when|that|so much that)\b|\bhurt(?:s|ing)? my feelings\b`),
  idiom('en.die-hair', String.raw`\bdie\s+(?:my|her|his|your|our|the)\s+(?:hair|clothes|shirt|shirts|eggs|fabric|beard)\b`),
  idiom('en.suicide-topic', String.raw`\blost (?:a|my|our|his|her|their) (?:\w+\s+){0,2}?to suicide\b|\b(?:memorial|survivors? of suicide|suicide loss)\b|\b(?:show|series|book|movie|film|article|class|lesson|presentation|questions?|talk to (?:her|him|them|my \w+))\s+(?:\w+\s+){0,3}?(?:about|on)\s+suicide\b|\b13 reasons why\b`),
  idiom('en.killing-myself-figure', String.raw`\bkill(?:ing)?\s+${SELF}\s+(?:slowly\s+)?(?:with|by)\s+(?:all\s+)?(?:this|that|the|these|those|my)?\s*(?:soda|pop|sugar|junk|food|fries|candy|smoking|cigarettes|drinking|eating|work|stress|coffee|overtime|not sleeping|carbs)\b|\bkill(?:ing)?\s+${SELF}\s+(?:at (?:work|the gym)|to (?:finish|get|make|meet))\b`),
  idiom('en.device-od', String.raw`\b(?:pump|device|pen|machine|app|cgm|loop)\b[^.!?]{0,30}\b(?:overdos\w*|od)\b`),
  idiom('en.kill-me-lol', String.raw`\b(?:kill|murder)\s+me\b(?=[^.!?]{0,50}\b(?:lol|lmao|haha|jk)\b)`),
  idiom('en.kill-me-if', String.raw`\b(?:kill|murder)\s+me\s+(?:if (?:she|he|they) (?:saw|sees|finds out|found out|knew|knows|hears|heard|catches)|if i (?:eat|ate|don'?t (?:clean|finish|call|text|do)|forget|miss|skip|am late|get)|when (?:she|he|they) (?:sees?|finds? out|hears?)|for (?:eating|forgetting|being late|this)|lol|haha|lmao)`),
  idiom('en.gonna-kill-me', String.raw`\b(?:mom|mother|dad|father|boss|wife|husband|doctor|endo|endocrinologist|nurse|teacher|coach|dietitian|he|she|they|you)\s+(?:is|'s|s|are|'re|will|would|'ll|might|gonna|going to)\s+(?:\w+\s+)?(?:kill|murder)\s+me\b(?=[^.!?]{0,30}\b(?:if i|when (?:she|he|they) (?:sees?|finds? out|hears?)|for (?:eating|forgetting|being)|lol|haha|lmao|😂)|\s*(?:lol|haha|lmao|😂))`),
  idiom('en.thought-die', String.raw`\b(?:thought|felt like|feel like|feels like|sure)\s+(?:i|he|she|we)\s+(?:was|were|am|is|'?m|'?s)\s+(?:going to|gonna|about to)\s+die\b|\bwe(?:'?re| are) all going to die\b`),
];

export const CRISIS_PATTERNS_EN: CrisisLanguagePack = {
  language: 'en',
  rules,
  idioms,
  negationBefore: /\b(?:not|never|don'?t|dont|do not|didn'?t|didnt|did not|won'?t|wont|will not|wouldn'?t|would not|no longer|isn'?t|wasn'?t|stopped|nor)\b(?:\s+(?!(?:i|i'?m|im|you|he|she|they|we|that|why|if|because|cause|when|how|what|whether|and)\b)\S+){0,3}\s*$/,
  distantPast: /\b(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|many|several|few)\s+years?\s+(?:ago|back|since|later|clean|sober|free)|years ago|decades? ago|a long time ago|when i was (?:a |in |young|little|younger|\d|a teen)|in my (?:teens|twenties|thirties|20s|30s)|at (?:\d{1,2}|sixteen|seventeen|eighteen)\b[^.!?]{0,40}\bnow\b|glad i stayed|changed my life|saved my life|as a child|as a (?:kid|teen|teenager|child)|in (?:high school|college|university|my teens|my twenties|19\d\d|20[01]\d)|back in (?:the day|19|20|high)|used to|in the past|last year|survived|recovered|in recovery|today i'?m|now i'?m|i'?m grateful|glad i'?m (?:still )?(?:here|alive)|looking back)\b/,
  stillNow: /\b(?:again|still(?! (?:here|alive|standing|grateful|clean|sober))|right now|tonight|lately|these days|any\s?more|relaps\w*|too|this week|today i (?:want|feel|took|cut))\b/,
  commonWords: /\b(?:the|i|you|is|are|my|to|and|of|it|in|that|with|for|don'?t|can'?t|this|was|have|what|just|so|be|he|she|we|they|at|on|how|do|not|but)\b/g,
};
