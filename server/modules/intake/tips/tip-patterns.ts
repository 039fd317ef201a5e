/**
 * Phrase patterns for weaponized tips, matched against text that tip-text.ts normalized
 * (lower case, accents removed, spaces collapsed). Each language adds its patterns to every
 * group; all languages run on every text because people mix them ("mi vecino is illegal").
 *
 * Groups and what they mean:
 * - denounce: the writer asks to report / turn in a person (not enforcement);
 * - deportIntent: the writer wants someone deported or asks enforcement to go after a person;
 * - accusation: a claim about a person's or group's immigration status;
 * - relation: a private person the writer knows (neighbor, ex, coworker...);
 * - pointer: words that point at where a person lives, works or hides;
 * - enforcement: signs the text describes enforcement activity happening (genuine reports).
 */
import type { RegisteredLanguage } from '../../../platform/i18n/index.ts';

export interface TipPatternGroups {
  denounce: RegExp[];
  deportIntent: RegExp[];
  accusation: RegExp[];
  relation: RegExp[];
  pointer: RegExp[];
  enforcement: RegExp[];
}

const relationsEnglish =
  "neighbou?rs?|co-?workers?|roommates?|tenants?|landlord|landlady|ex|ex-?wife|ex-?husband|ex-?boyfriend|ex-?girlfriend|ex-?partner|boss|employees?|nanny|babysitter|brother-in-law|sister-in-law|son-in-law|daughter-in-law|stepfather|stepmother|stepdad|stepmom|cousin|in-laws|baby'?s (?:mother|father|mama|daddy)";
const targetsEnglish = `(?:${relationsEnglish}|guy|man|woman|lady|family|person|people|illegals?|undocumented)`;

const relationsSpanish =
  'vecin[oa]s?|companer[oa]s? de (?:trabajo|cuarto|casa)|companer[oa]s?|roomies?|inquilin[oa]s?|caser[oa]|duen[oa] de la casa|patron[a]?|jef[ea]|ex|ex ?espos[oa]|ex ?novi[oa]|ex ?pareja|ex ?marido|ex ?mujer|cunad[oa]s?|suegr[oa]s?|nuera|yerno|ninera|empleados?|empleadas?|trabajador(?:es|as?)?|primo|prima|padrastro|madrastra';
const targetsSpanish = `(?:${relationsSpanish}|senor|senora|hombre|mujer|muchach[oa]|familia|persona|gente|ilegal(?:es)?|indocumentad[oa]s?|mojad[oa]s?)`;

const english: TipPatternGroups = {
  denounce: [
    // "report my neighbor", unless what follows says something happened TO them.
    new RegExp(
      `\\b(?:report|turn in|rat out|snitch on|tell on|expose)\\s+(?:my|our|this|that|an?|the|these|those)\\s+(?:\\w+\\s+)?${targetsEnglish}\\b(?!'s)(?!\\s+(?:was|got|has been|have been|is being|are being|were|just got|been)\\b)`,
    ),
    /\b(?:report|turn in)\s+(?:him|her|them)\s+(?:to|for)\b/,
    /\bcall(?:ed|ing)?\s+(?:ice|immigration|la migra|the feds|border patrol)\s+on\b/,
    /\b(?:tip|anonymous tip)\s*(?:for|to)\s+(?:ice|immigration)\b/,
    // Asking the hotline to pass a person on to enforcement: "tell ICE", "let immigration know".
    /\b(?:tell|inform|notify|alert|let)\s+(?:ice|immigration|la migra|the feds|border patrol)\b(?!\s+(?:is|are|was|were|agents|officers))/,
    /(?:^|[.!?]\s*)(?:please\s+|pls\s+)?call\s+(?:ice|immigration|la migra)\b/,
  ],
  deportIntent: [
    /\b(?:get|have|make sure|see)\s+(?:\S+\s+){1,3}deported\b/,
    /\b(?:should|must|needs? to|ought to|deserves? to)\s+(?:be|get)\s+deported\b/,
    /\bdeport\s+(?:him|her|them|this|that|these|those|my)\b/,
    /\bsend\s+(?:him|her|them)\s+back\b/,
    /\b(?:should|must|needs? to|ought to)\s+(?:be\s+|get\s+)?sen[dt]\s+back\b/,
    /\b(?:ice|immigration|la migra|the feds|border patrol|agents)\s+(?:should|need to|needs to|must|has to|have to|can|could|better)\s+(?:come|go|check|pick|raid|visit|look|grab|take|get|arrest|investigate|stop by|pay)/,
    // "someone should check 1420 W 19th St": a bystander asked to look into a place, not to help.
    /\b(?:someone|somebody|you|you guys|y'all)\s+(?:should|need to|needs to|must|better)\s+(?:check|investigate|look into|report)\s+(?:out\s+|on\s+)?(?:the\s+|this\s+|that\s+)?(?:\d|house|apartment|apt|place|address|unit|them|him|her|family|people|guy)/,
    /\b(?:someone|somebody)\s+(?:should|needs to|must)\s+(?:come|go)\s+check\b(?!\s+on\s+(?:the\s+)?(?:kids|children|family|her|him|them|mom|dad))/,
    /\bsend\s+(?:ice|immigration|agents|the feds|la migra)\b/,
    /\b(?:come|please come)\s+(?:get|pick up|take|grab|arrest)\s+(?:him|her|them)\b/,
    /\b(?:go|come)\s+check\s+(?:out\s+)?(?:the|this|that)?\s*(?:house|apartment|apt|place|address|unit)\b/,
    /\bthey (?:need|deserve) to go back\b/,
  ],
  accusation: [
    /\b(?:is|are|'s|s|was|were|he's|she's|they're)\s+(?:an?\s+|all\s+|totally\s+|definitely\s+|totally\s+)?(?:illegal|illegals|undocumented|illegal aliens?|illegal immigrants?|wetbacks?|aliens?)\b(?!\s+(?:search|detention|arrest|stop|checkpoint))/,
    /\b(?:illegal|undocumented)s?\s+(?:aliens?|immigrants?|persons?|people|famil(?:y|ies)|guys?|m[ae]n|wom[ae]n|workers?|lives?|living|stays?|staying|hiding|works?|working|renting)\b/,
    /\b(?:illegals)\s+(?:live|living|work|working|staying|hiding|at|in)\b/,
    /\b(?:here|living|staying|working|is|are)\s+illegally\b/,
    /\b(?:has|have|got)\s+no\s+(?:papers|documents|status|visa|green card)\b/,
    /\b(?:no|without|doesn't have|does not have|don't have|dont have|doesnt have|lacks?)\s+(?:legal\s+)?(?:papers|documents|a visa|green card|status)\b/,
    /\boverst(?:ay|ayed|aying|ays)\s+(?:(?:his|her|their|a|the)\s+)?visas?\b/,
    // A bare status label between punctuation: "Jose Garcia, 12 Oak St. Undocumented."
    /(?:^|[.,;:!-]\s*)(?:undocumented|illegal|illegal alien|no papers|no status)\s*(?:[.,;:!]|$)/,
    /\bvisa\s+(?:expired|ran out)\b/,
    /\b(?:has|have)\s+(?:a\s+)?(?:final\s+)?(?:deportation|removal)\s+order\b/,
    /\bcame\s+(?:here\s+)?(?:illegally|across the border|over the border)\b/,
    /\b(?:crossed|jumped|snuck across|sneaked across)\s+the border\b|\bentered\s+(?:the country\s+|the us\s+)?illegally\b/,
    /\boverstayed\b/,
    /\b(?:none of them|nobody there|no one there|nobody in there|none of the \w+)\s+(?:has|have)\s+(?:legal\s+)?(?:papers|documents|status)\b/,
    /\b(?:tourist|student|work) visa\b.{0,60}\b(?:never left|expired|ran out|still here)\b/,
  ],
  relation: [new RegExp(`\\b(?:my|our)\\s+${relationsEnglish}\\b`)],
  pointer: [
    /\b(?:lives?|living|stays?|staying|works?|working|hides?|hiding|is hiding|sleeps?|rents?|renting)\s+(?:at|on|in|over at|behind)\b/,
    /\b(?:the|a)\s+(?:guy|man|woman|lady|family|people|couple)\s+(?:in|at|on|from|upstairs|downstairs)\s+(?:apt|apartment|unit|#|\d|the (?:first|second|third|top|basement|back|front))/,
    /\bfamily\s+(?:at|in)\s+\d/,
    /\b(?:his|her|their) (?:address|house|apartment) is\b/,
  ],
  enforcement: [
    /\b(?:agents?|officers?|deputies|troopers)\b(?!\s+(?:should|need|must|can|could|better))/,
    /\b(?:ice|la migra|immigration|border patrol|cbp|hsi|the feds|police|cops)\s+(?:is|are|was|were|just|came|showed|pulled|took|has|have|arrived|stopped|detained|arrested|knocking|raiding|vans?|trucks?|cars?|suvs?|agents|officers|everywhere|outside|here|at|in front)\b/,
    /\b(?:unmarked|tinted)\s+(?:cars?|vans?|suvs?|trucks?|vehicles?)\b/,
    /\b(?:vans?|suvs?|trucks?)\s+(?:parked|outside|waiting|blocking|circling)\b/,
    /\b(?:raid|raiding|raided|sweep|checkpoint|roadblock)\b/,
    /\b(?:detain(?:ed|ing)?|arrest(?:ed|ing)|handcuff(?:ed|ing)?|grabbed|took (?:him|her|them|my|a|the|two|three|several|some)|taken|taking (?:people|him|her|them)|picked up|zip ?ties|pinned)\b/,
    /\b(?:knock(?:ing|ed)?|banging|pounding)\b/,
    /\b(?:surround(?:ed|ing)|blocking|blocked)\b/,
    /\b(?:vests?|badges?|warrant|uniforms?)\b/,
    /\b(?:right now|just now|happening now|as we speak|currently|this morning|ongoing)\b/,
  ],
};

const spanish: TipPatternGroups = {
  denounce: [
    new RegExp(
      `\\b(?:denunciar|denuncio|denuncien|denuncia|reportar|reporto|reporten|acusar|delatar|echarle la migra|echarle migra|entregar)\\s+(?:a\\s+)?(?:mi|mis|este|esta|ese|esa|estos|esas|un|una|el|la|los|las|unos|unas|nuestr[oa])\\s+(?:\\w+\\s+)?${targetsSpanish}\\b(?!\\s+(?:que fue|que se llevaron|fue detenid|fue arrestad|lo detuvieron|la detuvieron|se lo llevaron|se la llevaron))`,
    ),
    /\b(?:denunciar|reportar|delatar)(?:lo|la|los|las)\b/,
    /\bllam(?:ar|en|e|ale|enle)(?:le|les)? a (?:la )?(?:migra|migracion|ice)\s+(?:para que|contra|por)\b/,
    /\b(?:le|les) (?:voy a )?(?:hablar|llamar) a (?:la )?(?:migra|migracion)\b/,
    /\bsoplo para (?:la migra|migracion|ice)\b/,
    // Asking the hotline to pass a person on to enforcement: "díganle a la migra", "llamen a ICE".
    /\b(?:avisar(?:le)?|avisenle|le aviso|les aviso|digan(?:le)?|informar(?:le)?|informenle)\s+a\s+(?:la\s+)?(?:migra|migracion|ice)\b/,
    /(?:^|[.!?]\s*)(?:por favor\s+)?llam(?:en|a|e)\s+a\s+(?:la\s+)?(?:migra|migracion|ice)\b/,
  ],
  deportIntent: [
    /\b(?:que|para que|ojala)\s+(?:lo|la|los|las)\s+(?:deporten|saquen|agarren|recojan|detengan|arresten|manden|regresen|echen)\b/,
    /\bdeportar(?:lo|la|los|las)\b|\bdeportenl[oa]s?\b|\bsacarl[oa]s? del pais\b/,
    /\b(?:deberia|deberian|debe|deben|merece|merecen|tiene que|tienen que)\s+(?:ser\s+)?(?:deportad[oa]s?|deportarl[oa]s?|irse de aqui|regresar a su pais)\b/,
    /\b(?:que\s+)?deporten\s+a\b/,
    /\b(?:la migra|migracion|ice|los agentes)\s+(?:deberia|deberian|debe|deben|tiene que|tienen que|puede|pueden|podrian)\s+(?:ir|venir|pasar|revisar|llegar|buscar|caerle|agarrar|checar|investigar)/,
    // "alguien debería checar 1420 W 19th St": a bystander asked to look into a place, not to help.
    /\b(?:alguien|ustedes)\s+(?:deberia|deberian|debe|deben|tiene que|tienen que)\s+(?:venir a\s+|ir a\s+)?(?:checar|revisar|investigar|reportar)/,
    /\b(?:manden|mande|mandar|envien|enviar|traigan)\s+(?:a\s+)?(?:la migra|migracion|ice|agentes)\b/,
    /\b(?:vengan|venga)\s+(?:por|a buscar|a recoger|a llevarse|a agarrar)\s+(?:el|ella|ellos|ellas|este|esta|ese|esa|al senor|a la senora|al vecino|a la vecina)\b/,
    /\bque se (?:lo|la|los|las) lleven\b/,
    /\bque (?:se )?regrese[n]? a su pais\b/,
  ],
  accusation: [
    /\b(?:es|son|esta|estan|era|eran)\s+(?:un\s+|una\s+|unos\s+|puro\s+|tod[oa]s\s+)?(?:ilegal(?:es)?|indocumentad[oa]s?|mojad[oa]s?)\b/,
    /\b(?:ilegal(?:es)?|indocumentad[oa]s?|mojad[oa]s?)\s+(?:vive|viven|viviendo|que vive|que viven|trabaja|trabajan|trabajando|que trabaja|que trabajan|se esconde|se esconden|escondid[oa]s?|se queda|se quedan|renta|rentan|rentando|que rentan|en|de la)\b/,
    /\b(?:no tiene|no tienen|no tener|sin|no cuenta con|no cuentan con)\s+(?:papeles|documentos|visa|estatus|permiso|mica)\b/,
    /(?:^|[.,;:!-]\s*)(?:indocumentad[oa]s?|ilegal(?:es)?|sin papeles|sin estatus)\s*(?:[.,;:!]|$)/,
    /\bse (?:le|les) (?:vencio|vencieron) (?:la|su|sus) (?:visa|visas|permiso)\b/,
    /\b(?:tiene|tienen)\s+(?:una\s+)?orden de deportacion\b/,
    /\b(?:cruzo|cruzaron|entro|entraron|se paso|se pasaron)\s+(?:la frontera\s+)?(?:ilegal|ilegalmente|de mojado|sin papeles)\b/,
    /\besta(?:n)?\s+(?:aqui\s+)?(?:de\s+)?ilegal(?:es|mente)?\b/,
    /\b(?:entro|entraron|cruzo|cruzaron)\s+(?:al pais\s+)?ilegalmente\b/,
    /\b(?:ninguno|ninguna|nadie)\s+(?:de ellos\s+|de ellas\s+|ahi\s+)?tiene(?:n)?\s+(?:papeles|documentos|estatus)\b/,
    /\bvisa de (?:turista|estudiante|trabajo)\b.{0,60}\b(?:nunca se fue|nunca se regreso|se quedo|se vencio)\b/,
  ],
  relation: [new RegExp(`\\b(?:mi|mis|nuestr[oa]s?)\\s+${relationsSpanish}\\b`)],
  pointer: [
    /\b(?:vive|viven|viviendo|se queda|se quedan|trabaja|trabajan|trabajando|se esconde|se esconden|esta viviendo|estan viviendo|renta|rentan|rentando|duerme)\s+(?:en|por|atras de|arriba de)\b/,
    /\bahi (?:vive|viven|se queda|se quedan|se esconde|se esconden)\b/,
    /\b(?:el|la|los|las)\s+(?:senor|senora|muchach[oa]|familia|gente|hombre|mujer)\s+(?:del|de la|de|que vive en el|que vive en la)\s+(?:apartamento|depto|departamento|apt|cuarto|sotano|piso|\d)/,
    /\bfamilia\s+(?:\w+\s+)?(?:en|de)\s+(?:el\s+)?\d/,
    /\bsu (?:direccion|casa|domicilio) es\b/,
  ],
  enforcement: [
    /\b(?:agentes?|oficiales?|policias?|patrullas?|alguaciles)\b(?!\s+(?:deberia|deberian|debe|deben|tienen que|pueden))/,
    /\b(?:la migra|migra|migracion|ice|la policia|los federales|la patrulla fronteriza)\s+(?:esta|estan|anda|andan|llego|llegaron|se llevo|se llevaron|agarro|agarraron|detuvo|detuvieron|paro|pararon|tiene|tienen|afuera|aqui|en frente|por todos lados|tocando)\b/,
    /\b(?:camionetas?|vans?|carros?|trocas?|suburbans?)\s+(?:sin placas|negras?|blancas?|estacionad[oa]s?|afuera|polarizad[oa]s?|dando vueltas)\b/,
    /\b(?:redada|reten|puesto de control|operativo)\b/,
    /\b(?:detuvieron|detienen|deteniendo|arrestaron|arrestando|se llevaron|se llevo|se lo llevaron|se la llevaron|se lo llevo|se la llevo|esposaron|esposado|esposada|agarraron|levantaron)\b/,
    /\b(?:tocando|tocaron|golpeando|golpearon)\b/,
    /\b(?:rodearon|rodeando|bloqueando|bloquearon|cerraron la calle)\b/,
    /\b(?:chalecos?|placas de policia|orden judicial|uniformes?)\b/,
    /\b(?:ahorita|ahora mismo|en este momento|ya mismo|esta manana|hace rato|desde temprano)\b/,
  ],
};

// Arabic: the core phrases only (normalized text keeps Arabic letters; diacritics are removed).
const arabic: TipPatternGroups = {
  denounce: [
    /(?:ابلغ|أبلغ|اريد الابلاغ|أريد الإبلاغ|بلغوا)\s+عن\s+(?:جاري|جارتي|جيراني|زميلي|زميلتي|طليقي|طليقتي|مديري)/,
  ],
  deportIntent: [/(?:يجب|لازم|ارجو|أرجو)\s+(?:ترحيله|ترحيلها|ترحيلهم)/, /(?:رحلوه|رحلوها|رحلوهم)/],
  accusation: [
    /غير\s+(?:شرعي|شرعية|قانوني|قانونية|نظامي)/,
    /(?:بدون|بلا|ليس لديه|ليس لديها)\s+(?:اوراق|أوراق|وثائق|اقامة|إقامة)/,
  ],
  relation: [/(?:جاري|جارتي|جيراني|زميلي|زميلتي|طليقي|طليقتي|مديري|صاحب البيت)/],
  pointer: [/(?:يسكن|تسكن|يعيش|تعيش|يعمل|تعمل|يختبئ)\s+(?:في|فى)/],
  enforcement: [/(?:عملاء|ضباط|الشرطة|دورية|مداهمة|اعتقلوا|اعتقال|احتجزوا|سيارات|يطرقون|الآن)/],
};

// Portuguese: the core phrases only, in words Spanish does not share (Spanish covers the rest).
const portuguese: TipPatternGroups = {
  denounce: [
    /\b(?:denunciar|entregar|dedurar)\s+(?:o meu|a minha|meu|minha|esse|essa|este|esta)\s+(?:vizinh[oa]s?|colega|patrao|patroa|chefe|inquilin[oa]|ex|ex marido|ex mulher|cunhad[oa]|familia)\b/,
  ],
  deportIntent: [
    /\b(?:deportem|deportar ele|deportar ela|deportar eles|mandem ele embora|chamem a imigracao)\b/,
  ],
  accusation: [
    /\b(?:sem documentos|sem papeis|esta ilegal|estao ilegais|e ilegal|sao ilegais|clandestin[oa]s?)\b/,
  ],
  relation: [/\b(?:vizinh[oa]s?|meu patrao|minha patroa|meu ex|minha ex|cunhad[oa])\b/],
  pointer: [/\b(?:mora|moram|trabalha|trabalham|esconde|se esconde)\s+(?:em|no|na|nos|nas|ali)\b/],
  enforcement: [/\b(?:agora mesmo|levaram|prenderam|algemaram|viaturas?|batendo na porta)\b/],
};

// Haitian Creole: the core phrases only.
const haitianCreole: TipPatternGroups = {
  denounce: [
    /\b(?:denonse|rapote|fe rapo sou)\s+(?:vwazen|vwazin|kolog|bos|ansyen mari|ansyen madanm|fanmi)\b/,
  ],
  deportIntent: [/\b(?:depote li|depote yo|voye li ale|voye yo ale|rele imigrasyon)\b/],
  accusation: [/\b(?:san papye|pa gen papye|ilegal)\b/],
  relation: [/\b(?:vwazen|vwazin|kolog|bos mwen|ansyen mari mwen|ansyen madanm mwen)\b/],
  pointer: [/\b(?:rete|travay|kache)\s+(?:nan|lakay|bo kote)\b/],
  enforcement: [/\b(?:kounye a|arete|menote|ajan yo|frape pot)\b/],
};

/**
 * Every language's patterns run on every text (tip-detector.ts), so a report in a language without
 * its own row here (Vietnamese, Chinese) is still read: names, addresses and the other languages'
 * words count, and a coordinator reviews anything flagged. Add a row when a network needs one.
 */
export const tipPatternsByLanguage: Partial<Record<RegisteredLanguage, TipPatternGroups>> = {
  en: english,
  es: spanish,
  ar: arabic,
  pt: portuguese,
  ht: haitianCreole,
};
