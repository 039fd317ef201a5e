import type { LabelledTip } from './tip-scorer.ts';

/**
 * Hand-written hard cases: genuine reports that mention a home, a person, a status or the word
 * "report", and weaponized tips phrased without the obvious words. Written independently of the
 * generator's templates; several use names outside the detector's first-name list.
 */
const english: [string, boolean][] = [
  // genuine reports of enforcement at a home or naming the person taken
  ['ICE agents are knocking on my neighbor’s door at 1845 S Loomis St right now, they have vests', false],
  ['They took my neighbor Maria Lopez from her house at 2231 W 18th St this morning', false],
  ['Agents asking for a man named Carlos Ruiz at 2600 W Cermak Rd, they say they have a warrant', false],
  ['I want to report that my coworker was detained by ICE outside the plant on Kedzie', false],
  ['My neighbor is undocumented and ICE is at her door right now, please send someone', false],
  ['ICE raid at the car wash on 26th, they are arresting undocumented workers', false],
  ['Two unmarked vans parked outside 3300 W 25th St since 6am, men in vests going door to door', false],
  ['Someone says ICE is at Whittier school, is that true? my kids are there', false],
  ['Agents asked everyone at the bus stop on Pulaski for papers and took two people', false],
  ['la migra is on Ashland and 47th, black SUVs, they stopped a landscaping truck', false],
  ['I need to report a checkpoint on Cicero Ave near the Jewel, police and ICE stopping cars', false],
  ['my ex called to say ICE picked up her brother at work on Halsted, can someone help the kids', false],
  ['ICE showed up at apt 3B at 4420 S Wood St, they are holding the family inside', false],
  ['Officers in plain clothes outside Saint Pius church, asking people for ID', false],
  ['Heard a rumor about ICE at the Home Depot on Cermak. nobody there when I drove by', false],
  ['Men with POLICE ICE jackets arrested Tomasz Nowak in front of his building on Milwaukee Ave', false],
  ['my landlord says ICE came by yesterday asking about the tenants, they left a card', false],
  ['Courthouse on California Ave, 2 agents waiting in the hallway by courtroom 201', false],
  ['undocumented family at 1500 W Cullerton St needs a lawyer, ICE took the father last night', false],
  ['report: ICE van circling the block around Cermak and Western, white Ford, tinted windows', false],
  // weaponized tips
  ['I want to report my neighbor, she is illegal and lives at 2100 S Kedzie Ave', true],
  ['The guy in apt 2 at 1420 W 19th St is here illegally, you should check', true],
  ['Tell ICE that Juan Pérez lives at 4521 S Ashland Ave and works nights', true],
  ['My ex-husband has no papers. He stays with his girlfriend at 77 Oak St. Deport him', true],
  ['Kowalczyk family at 3900 N Pulaski Rd overstayed their visa, somebody should come check', true],
  ['there are illegals living in the basement of 2500 S Spaulding, 6 of them', true],
  ['how do i turn in my coworker? he came across the border and uses fake papers', true],
  ['Immigration should go to 1600 W 21st Pl, the lady upstairs doesn’t have a green card', true],
  ['Dmitri Volkov 5512 W Belmont Ave apt 1', true],
  ['my brother in law is illegal, please send agents to his house on Albany Ave, 2300 block', true],
  ['i have a tip for ICE about my boss, he pays all his illegal workers cash at the shop on 26th', true],
  ['Please get my roommate deported, he is always drunk and never pays rent', true],
  ['call ICE on the people at 4040 W 31st St, they are all undocumented', true],
  ['Undocumented man hiding at 1122 S Harding Ave, drives a red pickup', true],
  ['she overstayed her visa and lives with my ex at 910 Maple Ln, please arrest her', true],
  ['My tenant Ahmed Saleh is an illegal alien, I want him gone, 6200 N Kedzie Ave unit 4', true],
  ['Report the family in unit 5 at 3100 W Cermak Rd for not having documents', true],
  ['ICE needs to raid the taqueria on 26th, everyone in the kitchen is illegal', true],
  ['Ramona Estrada, 2815 S Trumbull Ave, no status, works at the laundromat', true],
  ['send someone to check on the undocumented people renting at 3417 W 38th St', true],
  // second batch, held out while the patterns were first tuned (see the issue note)
  ['ICE came to the house next door at 3130 S Throop, they are asking for the dad by name, Rogelio', false],
  ['There are two ICE agents in the lobby of 1200 W Harrison asking the doorman about tenants in 4C', false],
  [
    'Neighbors say an undocumented man was arrested at 2800 W 24th Blvd, his wife is alone with a baby',
    false,
  ],
  [
    'my cousin Beto just got pulled over on Archer by immigration, they have him in the back of an SUV',
    false,
  ],
  ['i think ICE is following my ex, she saw the same gray car 3 days in a row near her work', false],
  ['Agents detained a landscaper on the corner of Austin and Fullerton, he had no papers on him', false],
  ['can someone check on Mrs. Alvarez at 2910 S Kolin Ave? ICE took her son and she is diabetic', false],
  ['I was told to report my coworker was deported last week, what do we do about his final paycheck', false],
  ['report of agents at Benito Juarez high school, staff locked the doors', false],
  ['illegal checkpoint? cops stopping everyone on Ogden, asking for license and papers', false],
  [
    'my neighbor Laszlo Horvath is undocumented, I know because he told me, he lives upstairs at 4410 N Kimball Ave',
    true,
  ],
  [
    'Theres a guy named Efrain who sells tamales on 26th and he has no status, he lives behind the church',
    true,
  ],
  [
    'whoever runs this line, the woman at 1719 W 17th St apt 3 came on a tourist visa 5 years ago and never left',
    true,
  ],
  ['My ex wont let me see my kids. she is undocumented. 6015 S Kilbourn Ave. Do your job', true],
  [
    'How can I let immigration know about a family that crossed the border illegally? they live on Drake Ave',
    true,
  ],
  ['Call ICE, the Ortega brothers at the body shop on Pulaski are all illegal', true],
  ['my landlady rents rooms to illegals at 2637 W 47th St, basement and attic', true],
  ['the man in 2R at 3501 W Lyndale St overstayed and works under the table, he should be sent back', true],
  ['Please investigate Anwar Siddiqui, 7700 N Sheridan Rd unit 12, entered illegally', true],
  ['I know where an undocumented guy lives, 2249 N Keeler Ave, come get him', true],
];

const spanish: [string, boolean][] = [
  // reportes genuinos
  ['La migra está tocando la puerta de mi vecina en 1845 S Loomis St, ahorita', false],
  ['Se llevaron a mi vecino Juan Pérez de su casa en la calle 18 y Loomis esta mañana', false],
  ['Agentes preguntando por un señor llamado Carlos Ruiz en 2600 W Cermak Rd, dicen que traen orden', false],
  ['Quiero reportar que detuvieron a mi compañero de trabajo afuera de la fábrica en Kedzie', false],
  ['Mi vecina no tiene papeles y la migra está en su puerta ahora mismo, manden a alguien por favor', false],
  ['Redada en el car wash de la 26, están arrestando a los trabajadores indocumentados', false],
  [
    'Dos camionetas sin placas estacionadas afuera de 3300 W 25th St desde las 6, hombres con chalecos',
    false,
  ],
  ['Dicen que la migra está en la escuela Whittier, es cierto? mis hijos están ahí', false],
  ['En la parada del camión en Pulaski los agentes pidieron papeles a todos y se llevaron a dos', false],
  ['migra en Ashland y la 47, suburbans negras, pararon una troca de jardineros', false],
  ['Quiero denunciar un retén en Cicero cerca del Jewel, policía y migra parando carros', false],
  [
    'mi ex me llamó, la migra agarró a su hermano en el trabajo en Halsted, alguien puede ayudar con los niños',
    false,
  ],
  ['La migra llegó al apartamento 3B de 4420 S Wood St, tienen a la familia adentro', false],
  ['Oficiales vestidos de civil afuera de la iglesia San Pío pidiendo identificación', false],
  ['Escuché un rumor de migra en el Home Depot de Cermak, pasé y no había nadie', false],
  [
    'Hombres con chamarras de POLICE ICE arrestaron a Tomasz Nowak enfrente de su edificio en Milwaukee',
    false,
  ],
  ['mi casero dice que la migra vino ayer preguntando por los inquilinos, dejaron una tarjeta', false],
  ['En la corte de California Ave hay 2 agentes esperando en el pasillo del salón 201', false],
  ['familia indocumentada en 1500 W Cullerton St necesita abogado, se llevaron al papá anoche', false],
  [
    'reporte: camioneta de la migra dando vueltas por Cermak y Western, Ford blanca, vidrios polarizados',
    false,
  ],
  // soplos dirigidos contra una persona
  ['Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave', true],
  ['El muchacho del apartamento 2 en 1420 W 19th St está ilegal, deberían revisar', true],
  ['Díganle a la migra que Juan Pérez vive en 4521 S Ashland Ave y trabaja de noche', true],
  ['Mi ex esposo no tiene papeles. Se queda con su novia en 77 Oak St. Deportenlo', true],
  ['La familia Kowalczyk en 3900 N Pulaski Rd se les venció la visa, alguien debería venir a checar', true],
  ['hay ilegales viviendo en el sótano de 2500 S Spaulding, son 6', true],
  ['como denuncio a mi compañero de trabajo? se pasó de mojado y usa papeles chuecos', true],
  ['Migración debería ir a 1600 W 21st Pl, la señora de arriba no tiene mica', true],
  ['Dmitri Volkov 5512 W Belmont Ave apt 1', true],
  ['mi cuñado es ilegal, manden agentes a su casa en Albany Ave, cuadra 2300', true],
  [
    'tengo un soplo para la migra sobre mi patrón, les paga en efectivo a puros ilegales en el taller de la 26',
    true,
  ],
  ['Por favor deporten a mi compañero de cuarto, siempre anda borracho y no paga la renta', true],
  ['llamen a la migra para que se lleven a los de 4040 W 31st St, todos son indocumentados', true],
  ['Hombre indocumentado se esconde en 1122 S Harding Ave, maneja una pickup roja', true],
  ['se le venció la visa y vive con mi ex en 910 Maple Ln, que la arresten', true],
  ['Mi inquilino Ahmed Saleh es ilegal, lo quiero fuera, 6200 N Kedzie Ave depto 4', true],
  ['Reporten a la familia del depto 5 en 3100 W Cermak Rd por no tener documentos', true],
  ['La migra tiene que caerle a la taquería de la 26, todos en la cocina son ilegales', true],
  ['Ramona Estrada, 2815 S Trumbull Ave, sin estatus, trabaja en la lavandería', true],
  ['manden a alguien a checar a los indocumentados que rentan en 3417 W 38th St', true],
  // segundo lote, apartado mientras se ajustaron los patrones por primera vez
  [
    'La migra llegó al edificio de al lado en 3130 S Throop, preguntan por el papá por su nombre, Rogelio',
    false,
  ],
  ['Hay dos agentes de ICE en la entrada de 1200 W Harrison preguntándole al portero por los del 4C', false],
  [
    'Los vecinos dicen que arrestaron a un señor indocumentado en 2800 W 24th Blvd, su esposa está sola con un bebé',
    false,
  ],
  ['a mi primo Beto lo acaba de parar migración en Archer, lo tienen en una camioneta', false],
  ['creo que la migra sigue a mi ex, vio el mismo carro gris 3 días seguidos cerca de su trabajo', false],
  ['Detuvieron a un jardinero en la esquina de Austin y Fullerton, no traía papeles', false],
  [
    '¿alguien puede ir a ver a la señora Álvarez en 2910 S Kolin Ave? la migra se llevó a su hijo y es diabética',
    false,
  ],
  [
    'me dijeron que reportara que deportaron a mi compañero la semana pasada, qué hacemos con su último cheque',
    false,
  ],
  ['reporte de agentes en la prepa Benito Juárez, cerraron las puertas', false],
  ['¿retén ilegal? la policía está parando a todos en Ogden, piden licencia y papeles', false],
  ['mi vecino Laszlo Horvath es indocumentado, él me lo dijo, vive arriba en 4410 N Kimball Ave', true],
  [
    'Hay un tipo que se llama Efraín que vende tamales en la 26 y no tiene estatus, vive atrás de la iglesia',
    true,
  ],
  [
    'a quien atienda esta línea, la mujer del 1719 W 17th St depto 3 vino con visa de turista hace 5 años y nunca se fue',
    true,
  ],
  ['Mi ex no me deja ver a mis hijos. es indocumentada. 6015 S Kilbourn Ave. Hagan su trabajo', true],
  ['¿Cómo le aviso a migración de una familia que cruzó la frontera ilegalmente? viven en Drake Ave', true],
  ['Llamen a ICE, los hermanos Ortega del taller en Pulaski son todos ilegales', true],
  ['mi casera les renta cuartos a ilegales en 2637 W 47th St, sótano y ático', true],
  [
    'el del 2R en 3501 W Lyndale St se quedó después de que se venció su visa y trabaja por debajo del agua, que lo regresen',
    true,
  ],
  ['Investiguen a Anwar Siddiqui, 7700 N Sheridan Rd unidad 12, entró ilegalmente', true],
  ['Sé dónde vive un indocumentado, 2249 N Keeler Ave, vengan por él', true],
];

const asLabelled = (language: 'en' | 'es', rows: [string, boolean][]): LabelledTip[] =>
  rows.map(([text, isWeaponized]) => ({ text, isWeaponized, language, source: 'hard-case' }));

export const tipHardCases: Record<'en' | 'es', LabelledTip[]> = {
  en: asLabelled('en', english),
  es: asLabelled('es', spanish),
};
