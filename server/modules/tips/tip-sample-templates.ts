/**
 * Vocabulary and templates of the labelled tip samples (tip-samples.ts fills the slots): weaponized
 * tips pointing at a private person, and genuine reports of enforcement, several of them at a home,
 * naming the person taken, or mentioning status, so the detector is measured on hard negatives too.
 */
export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

export interface Slots {
  name: string;
  address: string;
  unit: string;
  street: string;
  street2: string;
  count: number;
}

export type Template = (slots: Slots, random: Random) => string;

const english = {
  relation: [
    'neighbor',
    'coworker',
    'roommate',
    'tenant',
    'ex',
    'ex-wife',
    'landlord',
    'boss',
    'brother-in-law',
  ],
  status: ['illegal', 'undocumented', 'an illegal alien', 'here illegally'],
  claim: [
    "doesn't have papers",
    'has no papers',
    'overstayed his visa',
    'is undocumented',
    'is illegal',
    'has a deportation order',
  ],
  directive: [
    'ICE should go there',
    'somebody should call ICE on him',
    'please send ICE',
    'immigration needs to check them out',
    'come get him',
  ],
  agents: [
    'ICE agents',
    'Immigration officers',
    'Men in vests',
    'la migra',
    'ICE',
    'Federal agents',
    'Plainclothes officers',
  ],
  activity: [
    'detaining people',
    'knocking on doors',
    'arresting a man',
    'stopping cars',
    'questioning workers',
    'putting people in vans',
    'waiting outside',
  ],
  vehicle: ['2 unmarked vans', 'Black SUVs', 'A white van with tinted windows', 'Three ICE trucks'],
  vehicleActivity: ['parked', 'circling the block', 'blocking the alley', 'waiting'],
  place: [
    'the Home Depot on Cermak',
    'the school on 18th',
    'the Jewel on Kedzie',
    'the bus stop at Pulaski',
    'the courthouse on California',
    'the car wash on Western',
    'the church on Ashland',
  ],
  business: [
    'the taqueria',
    'the car wash',
    'the factory',
    'the restaurant',
    'the laundromat',
    'the construction site',
  ],
  time: ['right now', '10 min ago', 'since 6am', 'this morning', 'just now', ''],
  prefix: ['', '', 'hi ', 'urgent: ', 'pls ', 'hello, '],
  suffix: ['', '', ' thanks', ' asap', ' help', '!!'],
};

const englishWeaponized: Template[] = [
  (s, r) =>
    `I want to report my ${pick(r, english.relation)}${r() < 0.5 ? `, ${s.name}` : ''}. ${pick(r, ['He', 'She'])} is ${pick(r, english.status)} and lives at ${s.address}.`,
  (s, r) => `${s.name} at ${s.address} is ${pick(r, english.status)}, ${pick(r, english.directive)}`,
  (s, r) =>
    `${pick(r, ['Undocumented people', 'Illegals', 'Illegal immigrants', 'An undocumented family'])} ${pick(r, ['live', 'living', 'staying'])} at ${s.address} ${s.unit}`,
  (s, r) =>
    `My ${pick(r, english.relation)} ${s.name} ${pick(r, english.claim)}. ${pick(r, ['He', 'She'])} works at ${pick(r, english.business)} on ${s.street}.`,
  (s, r) =>
    `${s.name}, ${s.address} ${s.unit}. ${pick(r, ['No papers', 'Undocumented', 'Overstayed visa', 'Illegal'])}.`,
  (_s, r) =>
    `How do I turn in my ${pick(r, english.relation)}? ${pick(r, ['he', 'she'])} ${pick(r, english.claim)}`,
  (s, r) =>
    `${pick(r, ['ICE should go to', 'Immigration needs to check', 'Send agents to', 'Someone should check'])} ${s.address}, ${s.name} ${pick(r, ['lives there', 'stays there', 'is hiding there'])}`,
  (s, r) => `get my ${pick(r, english.relation)} deported, ${pick(r, ['he', 'she'])} lives at ${s.address}`,
  (s) => `${s.name} ${s.address} ${s.unit}`,
  (s, r) =>
    `there's an ${pick(r, ['illegal', 'undocumented'])} family in ${s.unit} at ${s.address}, somebody should call ICE on them`,
  (s, r) => `my ${pick(r, english.relation)} is ${pick(r, english.status)}. please send ICE to ${s.address}`,
  (s, r) =>
    `tip: ${pick(r, ['illegals', 'undocumented workers', 'illegal workers'])} working at ${pick(r, english.business)} on ${s.street}`,
  (s, r) =>
    `${s.name} ${pick(r, english.claim)}, ${pick(r, ['he', 'she'])} drives a ${pick(r, ['red truck', 'gray Honda', 'white van'])} and stays at ${s.address}`,
  (_s, r) =>
    `${pick(r, ['He', 'She', 'My ' + pick(r, english.relation)])} should be deported, ${pick(r, ['everyone knows', 'I am sick of it', 'do something'])}`,
  (s, r) =>
    `${pick(r, ['He', 'She'])} lives at ${s.address} and nobody knows ${pick(r, ['he', 'she'])} crossed the border. just saying`,
  (s) => `check out the people in ${s.unit} at ${s.address}, none of them have papers`,
];

const englishGenuine: Template[] = [
  (_s, r) =>
    `${pick(r, english.agents)} ${pick(r, english.activity)} at ${pick(r, english.place)} ${pick(r, english.time)}`,
  (s, r) =>
    `${pick(r, english.vehicle)} ${pick(r, english.vehicleActivity)} near ${s.street} and ${s.street2} ${pick(r, english.time)}`,
  (s, r) =>
    `${pick(r, english.agents)} knocking on my ${pick(r, english.relation)}'s door at ${s.address} ${pick(r, english.time)}`,
  (s, r) =>
    `They took my ${pick(r, english.relation)} ${s.name} from ${pick(r, ['his', 'her'])} house at ${s.address} ${pick(r, english.time)}`,
  (s, r) =>
    `Checkpoint on ${s.street} and ${s.street2}, ${pick(r, ['police and ICE stopping cars', 'agents checking IDs', 'cars backed up'])}`,
  (_s, r) => `Is it true ICE is at ${pick(r, english.place)}? I heard a rumor`,
  (s, r) =>
    `${s.name} was detained by ICE outside ${pick(r, english.place)}, ${pick(r, ['family needs help', 'kids are alone', 'who can help'])}`,
  (s, r) => `raid at ${pick(r, english.business)} on ${s.street}, ${s.count} workers detained`,
  (s) => `Men in vests with POLICE ICE on them at ${s.address}, asking for ${s.name}`,
  (_s, r) => `ice at ${pick(r, english.place)}`,
  (s, r) => `My ${pick(r, english.relation)} says ICE vans parked on ${s.street} ${pick(r, english.time)}`,
  (_s, r) =>
    `${pick(r, english.agents)} asked my ${pick(r, english.relation)} for papers at ${pick(r, english.place)} and took ${pick(r, ['him', 'her'])}`,
  (s, r) =>
    `${pick(r, ['Undocumented', 'undocumented'])} workers being arrested at ${pick(r, english.business)} on ${s.street}`,
  (_s, r) =>
    `I want to report ${pick(r, english.agents)} at ${pick(r, english.place)}, ${pick(r, english.activity)}`,
  (s, r) =>
    `my ${pick(r, english.relation)} was picked up by ICE at ${s.address}, ${pick(r, ['he', 'she'])} has kids at home`,
  (s, r) => `${pick(r, english.agents)} at ${s.address} ${s.unit}, they have ${s.name} in handcuffs`,
  (s, r) =>
    `${s.name} from ${pick(r, english.place)} was taken by ICE, ${pick(r, ['he', 'she'])} is undocumented and has 3 kids, please help`,
  (s) => `Is it legal for ICE to come into ${s.address} ${s.unit} without a warrant? they are outside`,
  (s, r) =>
    `my ${pick(r, english.relation)} has no papers and is scared, ICE vans on ${s.street} right now, what should ${pick(r, ['he', 'she'])} do`,
];

const spanish = {
  relation: [
    'vecino',
    'vecina',
    'compañero de trabajo',
    'compañera de cuarto',
    'inquilino',
    'ex',
    'ex esposo',
    'casero',
    'patrón',
    'cuñado',
  ],
  status: ['ilegal', 'indocumentado', 'indocumentada', 'mojado'],
  claim: [
    'no tiene papeles',
    'es ilegal',
    'se le venció la visa',
    'es indocumentado',
    'está ilegal',
    'tiene orden de deportación',
  ],
  directive: [
    'la migra debería ir',
    'manden a la migra',
    'que lo deporten',
    'alguien debería venir a checar',
    'vengan por él',
  ],
  agents: [
    'Agentes de ICE',
    'La migra',
    'Oficiales de inmigración',
    'Hombres con chalecos',
    'Migra',
    'Agentes federales',
  ],
  activity: [
    'deteniendo gente',
    'tocando puertas',
    'arrestando a un señor',
    'parando carros',
    'interrogando trabajadores',
    'subiendo gente a camionetas',
    'esperando afuera',
  ],
  vehicle: ['2 camionetas sin placas', 'Suburbans negras', 'Una van blanca polarizada', 'Tres trocas de ICE'],
  vehicleActivity: ['estacionadas', 'dando vueltas', 'bloqueando el callejón', 'esperando'],
  place: [
    'el Home Depot de Cermak',
    'la escuela de la 18',
    'el Jewel de Kedzie',
    'la parada del camión en Pulaski',
    'la corte en California',
    'el car wash de Western',
    'la iglesia de Ashland',
  ],
  business: ['la taquería', 'el car wash', 'la fábrica', 'el restaurante', 'la lavandería', 'la obra'],
  time: ['ahorita', 'hace 10 min', 'desde las 6', 'esta mañana', 'ahora mismo', ''],
  prefix: ['', '', 'hola ', 'urgente: ', 'porfa ', 'buenas, '],
  suffix: ['', '', ' gracias', ' rápido', ' ayuda', '!!'],
};

const spanishWeaponized: Template[] = [
  (s, r) =>
    `Quiero denunciar a mi ${pick(r, spanish.relation)}${r() < 0.5 ? `, ${s.name}` : ''}. Es ${pick(r, spanish.status)} y vive en ${s.address}.`,
  (s, r) => `${s.name} en ${s.address} es ${pick(r, spanish.status)}, ${pick(r, spanish.directive)}`,
  (s, r) =>
    `${pick(r, ['Gente indocumentada', 'Ilegales', 'Una familia de ilegales', 'Indocumentados'])} ${pick(r, ['viven', 'vive', 'se quedan'])} en ${s.address} ${s.unit}`,
  (s, r) =>
    `Mi ${pick(r, spanish.relation)} ${s.name} ${pick(r, spanish.claim)}. Trabaja en ${pick(r, spanish.business)} de ${s.street}.`,
  (s, r) =>
    `${s.name}, ${s.address} ${s.unit}. ${pick(r, ['Sin papeles', 'Indocumentado', 'Se le venció la visa', 'Ilegal'])}.`,
  (_s, r) => `¿Cómo denuncio a mi ${pick(r, spanish.relation)}? ${pick(r, spanish.claim)}`,
  (s, r) =>
    `${pick(r, ['La migra debería ir a', 'Migración tiene que revisar', 'Manden agentes a', 'Alguien debería checar'])} ${s.address}, ahí ${pick(r, ['vive', 'se esconde', 'se queda'])} ${s.name}`,
  (s, r) => `que deporten a mi ${pick(r, spanish.relation)}, vive en ${s.address}`,
  (s) => `${s.name} ${s.address} ${s.unit}`,
  (s, r) =>
    `hay una familia ${pick(r, ['ilegal', 'indocumentada'])} en el ${s.unit} de ${s.address}, llamen a la migra para que se los lleven`,
  (s, r) => `mi ${pick(r, spanish.relation)} es ${pick(r, spanish.status)}. manden a la migra a ${s.address}`,
  (s, r) =>
    `soplo: ${pick(r, ['ilegales', 'indocumentados', 'puros mojados'])} trabajando en ${pick(r, spanish.business)} de ${s.street}`,
  (s, r) =>
    `${s.name} ${pick(r, spanish.claim)}, maneja una ${pick(r, ['troca roja', 'Honda gris', 'van blanca'])} y se queda en ${s.address}`,
  (_s, r) =>
    `${pick(r, ['Ese señor', 'Esa señora', 'Mi ' + pick(r, spanish.relation)])} debería ser deportado, ${pick(r, ['todos saben', 'ya me cansé', 'hagan algo'])}`,
  (s) => `Vive en ${s.address} y nadie sabe que cruzó la frontera ilegalmente. nomás digo`,
  (s) => `chequen a la gente del ${s.unit} en ${s.address}, ninguno tiene papeles`,
];

const spanishGenuine: Template[] = [
  (_s, r) =>
    `${pick(r, spanish.agents)} ${pick(r, spanish.activity)} en ${pick(r, spanish.place)} ${pick(r, spanish.time)}`,
  (s, r) =>
    `${pick(r, spanish.vehicle)} ${pick(r, spanish.vehicleActivity)} cerca de ${s.street} y ${s.street2} ${pick(r, spanish.time)}`,
  (s, r) =>
    `${pick(r, spanish.agents)} tocando la puerta de mi ${pick(r, spanish.relation)} en ${s.address} ${pick(r, spanish.time)}`,
  (s, r) =>
    `Se llevaron a mi ${pick(r, spanish.relation)} ${s.name} de su casa en ${s.address} ${pick(r, spanish.time)}`,
  (s, r) =>
    `Retén en ${s.street} y ${s.street2}, ${pick(r, ['policía y migra parando carros', 'agentes pidiendo identificación', 'mucho tráfico'])}`,
  (_s, r) => `¿Es cierto que la migra está en ${pick(r, spanish.place)}? escuché un rumor`,
  (s, r) =>
    `${s.name} fue detenido por la migra afuera de ${pick(r, spanish.place)}, ${pick(r, ['la familia necesita ayuda', 'los niños están solos', 'quién puede ayudar'])}`,
  (s, r) => `redada en ${pick(r, spanish.business)} de ${s.street}, ${s.count} trabajadores detenidos`,
  (s) => `Hombres con chalecos de POLICE ICE en ${s.address}, preguntando por ${s.name}`,
  (_s, r) => `migra en ${pick(r, spanish.place)}`,
  (s, r) =>
    `Mi ${pick(r, spanish.relation)} dice que hay camionetas de la migra estacionadas en ${s.street} ${pick(r, spanish.time)}`,
  (_s, r) =>
    `${pick(r, spanish.agents)} le pidieron papeles a mi ${pick(r, spanish.relation)} en ${pick(r, spanish.place)} y se lo llevaron`,
  (s, r) => `Están arrestando a trabajadores indocumentados en ${pick(r, spanish.business)} de ${s.street}`,
  (_s, r) =>
    `Quiero reportar ${pick(r, spanish.agents).toLowerCase()} en ${pick(r, spanish.place)}, ${pick(r, spanish.activity)}`,
  (s, r) =>
    `la migra agarró a mi ${pick(r, spanish.relation)} en ${s.address}, tiene niños en la casa ${pick(r, spanish.time)}`,
  (s, r) => `${pick(r, spanish.agents)} en ${s.address} ${s.unit}, tienen a ${s.name} esposado`,
  (s, r) =>
    `A ${s.name} de ${pick(r, spanish.place)} se lo llevó la migra, es indocumentado y tiene 3 hijos, ayuden por favor`,
  (s) => `¿Es legal que la migra entre a ${s.address} ${s.unit} sin orden? están afuera`,
  (s, r) =>
    `mi ${pick(r, spanish.relation)} no tiene papeles y tiene miedo, camionetas de la migra en ${s.street} ahorita, qué debe hacer`,
];

export const tipSampleSets = {
  en: { vocabulary: english, weaponized: englishWeaponized, genuine: englishGenuine },
  es: { vocabulary: spanish, weaponized: spanishWeaponized, genuine: spanishGenuine },
};
