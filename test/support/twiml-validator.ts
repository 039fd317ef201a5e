/**
 * A checker for voice TwiML, written from Twilio's documentation of each verb
 * (https://www.twilio.com/docs/voice/twiml): which verbs may appear under <Response>, which nouns
 * each verb may nest, which attributes each takes and what values they accept. It parses the small
 * XML subset TwiML uses (elements, attributes, text, the five entities) and returns the problems
 * found; an empty list means the document is valid by these rules.
 */
export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlElement[];
  text: string;
}

const method = (value: string) => value === 'GET' || value === 'POST';
const boolean = (value: string) => value === 'true' || value === 'false';
const positiveInteger = (value: string) => /^[1-9][0-9]*$/.test(value);
const nonNegativeInteger = (value: string) => /^[0-9]+$/.test(value);
const url = (value: string) => /^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(value);
const eventsOf = (allowed: string[]) => (value: string) =>
  value.split(/\s+/).every((event) => allowed.includes(event));
const anyText = () => true;

type AttributeRules = Record<string, (value: string) => boolean>;

interface VerbRule {
  attributes: AttributeRules;
  /** Nested elements allowed (nouns or, for Gather, the verbs it may speak). */
  children: string[];
  /** Whether text content is allowed, and whether it is required. */
  text: 'none' | 'optional' | 'required';
  textRule?: (value: string) => boolean;
}

/** Voice verbs and nouns, as Twilio documents them (the ones an app may return). */
export const voiceTwimlRules: Record<string, VerbRule> = {
  Say: {
    attributes: {
      voice: anyText,
      loop: nonNegativeInteger,
      language: (value) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value),
    },
    children: [],
    text: 'required',
  },
  Play: {
    attributes: { loop: nonNegativeInteger, digits: (value) => /^[0-9wW*#]+$/.test(value) },
    children: [],
    text: 'optional',
    textRule: url,
  },
  Pause: { attributes: { length: positiveInteger }, children: [], text: 'none' },
  Hangup: { attributes: {}, children: [], text: 'none' },
  Reject: {
    attributes: { reason: (value) => value === 'rejected' || value === 'busy' },
    children: [],
    text: 'none',
  },
  Redirect: { attributes: { method }, children: [], text: 'required', textRule: url },
  Gather: {
    attributes: {
      action: url,
      method,
      timeout: positiveInteger,
      numDigits: positiveInteger,
      finishOnKey: (value) => /^[0-9*#]?$/.test(value),
      input: (value) => ['dtmf', 'speech', 'dtmf speech', 'speech dtmf'].includes(value),
      language: anyText,
      hints: anyText,
      speechTimeout: (value) => value === 'auto' || positiveInteger(value),
      actionOnEmptyResult: boolean,
      partialResultCallback: url,
      partialResultCallbackMethod: method,
      profanityFilter: boolean,
      speechModel: anyText,
      enhanced: boolean,
    },
    // "You can nest <Say>, <Play> and <Pause> within <Gather>" — nothing else.
    children: ['Say', 'Play', 'Pause'],
    text: 'none',
  },
  Dial: {
    attributes: {
      action: url,
      method,
      timeout: positiveInteger,
      hangupOnStar: boolean,
      timeLimit: positiveInteger,
      callerId: anyText,
      record: (value) =>
        [
          'do-not-record',
          'record-from-answer',
          'record-from-ringing',
          'record-from-answer-dual',
          'record-from-ringing-dual',
        ].includes(value),
      trim: (value) => value === 'trim-silence' || value === 'do-not-trim',
      recordingStatusCallback: url,
      recordingStatusCallbackMethod: method,
      recordingStatusCallbackEvent: eventsOf(['in-progress', 'completed', 'absent']),
      answerOnBridge: boolean,
      ringTone: anyText,
      recordingTrack: (value) => ['both', 'inbound', 'outbound'].includes(value),
      sequential: boolean,
      referUrl: url,
      referMethod: method,
    },
    children: ['Number', 'Client', 'Conference', 'Queue', 'Sip', 'Sim', 'Application', 'WhatsApp'],
    text: 'optional',
  },
  Number: {
    attributes: {
      sendDigits: (value) => /^[0-9wW*#]+$/.test(value),
      url,
      method,
      statusCallbackEvent: eventsOf(['initiated', 'ringing', 'answered', 'completed']),
      statusCallback: url,
      statusCallbackMethod: method,
      byoc: anyText,
      machineDetection: anyText,
    },
    children: [],
    text: 'required',
    textRule: (value) => /^\+[1-9][0-9]{6,14}$/.test(value),
  },
  Record: {
    attributes: {
      action: url,
      method,
      timeout: nonNegativeInteger,
      finishOnKey: (value) => /^[0-9*#]*$/.test(value),
      maxLength: positiveInteger,
      playBeep: boolean,
      trim: (value) => value === 'trim-silence' || value === 'do-not-trim',
      recordingStatusCallback: url,
      recordingStatusCallbackMethod: method,
      recordingStatusCallbackEvent: eventsOf(['in-progress', 'completed', 'absent']),
      storageUrl: url,
      storageUrlMethod: method,
      transcribe: boolean,
      transcribeCallback: url,
      recordingChannels: (value) => value === 'mono' || value === 'dual',
    },
    children: [],
    text: 'none',
  },
};

const responseVerbs = ['Say', 'Play', 'Pause', 'Hangup', 'Reject', 'Redirect', 'Gather', 'Dial', 'Record'];
/** Verbs after which Twilio runs nothing more in the document. */
const terminalVerbs = ['Hangup', 'Reject', 'Redirect'];

export function parseTwiml(xml: string): TwimlElement {
  const source = xml.replace(/^<\?xml[^?]*\?>/, '').trim();
  const root: TwimlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: TwimlElement[] = [root];
  const pattern = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z][A-Za-z0-9:-]*="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const match of source.matchAll(pattern)) {
    if (match.index !== consumed)
      throw new Error(`unparsable TwiML near ${source.slice(consumed, consumed + 30)}`);
    consumed = match.index + match[0].length;
    const parent = stack.at(-1);
    if (!parent) throw new Error('unbalanced TwiML');
    if (match[5] !== undefined) {
      parent.text += decode(match[5]);
      continue;
    }
    const [, closing, name = '', rawAttributes = '', selfClosing] = match;
    if (closing) {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of rawAttributes.matchAll(/([A-Za-z][A-Za-z0-9:-]*)="([^"]*)"/g)) {
      attributes[attribute[1] ?? ''] = decode(attribute[2] ?? '');
    }
    const element: TwimlElement = { name, attributes, children: [], text: '' };
    parent.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (consumed !== source.length || stack.length !== 1) throw new Error('unbalanced TwiML');
  return root;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Problems in a voice TwiML document; [] when it follows Twilio's documented rules. */
export function validateVoiceTwiml(xml: string): string[] {
  let document: TwimlElement;
  try {
    document = parseTwiml(xml);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  const [response, ...extra] = document.children;
  if (!response || response.name !== 'Response' || extra.length > 0)
    return ['the root must be one <Response>'];
  if (Object.keys(response.attributes).length > 0) problems.push('<Response> takes no attributes');
  if (response.text.trim() !== '') problems.push('<Response> holds no text');
  response.children.forEach((verb, index) => {
    if (!responseVerbs.includes(verb.name)) problems.push(`<${verb.name}> is not a verb of <Response>`);
    const previous = response.children[index - 1];
    if (previous && terminalVerbs.includes(previous.name)) {
      problems.push(`<${verb.name}> after <${previous.name}> is never reached`);
    }
    checkElement(verb, problems);
  });
  return problems;
}

function checkElement(element: TwimlElement, problems: string[]): void {
  const rule = voiceTwimlRules[element.name];
  if (!rule) {
    problems.push(`<${element.name}> is not a TwiML voice element`);
    return;
  }
  for (const [name, value] of Object.entries(element.attributes)) {
    const check = rule.attributes[name];
    if (!check) problems.push(`<${element.name}> has no attribute ${name}`);
    else if (!check(value)) problems.push(`<${element.name} ${name}="${value}"> is not an allowed value`);
  }
  const text = element.text.trim();
  if (rule.text === 'none' && text !== '') problems.push(`<${element.name}> holds no text`);
  if (rule.text === 'required' && text === '') problems.push(`<${element.name}> needs text`);
  if (text !== '' && rule.textRule && !rule.textRule(text))
    problems.push(`<${element.name}>${text}</…> is not allowed`);
  for (const child of element.children) {
    if (!rule.children.includes(child.name))
      problems.push(`<${child.name}> may not be nested in <${element.name}>`);
    checkElement(child, problems);
  }
}
