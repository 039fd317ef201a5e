import { describe, expect, it } from 'vitest';
import {
  acceptAnswer,
  consentQuestion,
  dialOperators,
  goodbye,
  languageMenu,
  rightsMessage,
  serviceMenu,
  voiceUrlsFor,
  voicemailPrompt,
  whisper,
} from '../../server/modules/channels/voice/voice-twiml.ts';
import { validateVoiceTwiml } from '../support/twiml-validator.ts';

const urls = voiceUrlsFor('https://amparo.example.org');
const callSid = `CA${'0'.repeat(32)}`;
const memberId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('TwiML of the phone line, against what Twilio documents', () => {
  const documents: [string, string][] = [
    [
      'language menu',
      languageMenu({ networkName: 'Red <Sur> & "Norte"', languages: ['es', 'en', 'ar'], urls }),
    ],
    ['service menu', serviceMenu({ language: 'es', urls, canReachOperator: true })],
    ['service menu without operators', serviceMenu({ language: 'ar', urls, canReachOperator: false })],
    ['rights message', rightsMessage({ language: 'en', urls })],
    [
      'dial',
      dialOperators({
        callSid,
        language: 'es',
        ringSeconds: 20,
        operators: [
          { memberId, phone: '+13125550101' },
          { memberId, phone: '+13125550102' },
        ],
        urls,
      }),
    ],
    [
      'whisper',
      whisper({
        networkName: 'Red',
        callLanguage: 'es',
        operatorLanguage: 'en',
        acceptUrl: urls.accept(callSid, memberId),
      }),
    ],
    ['accepted', acceptAnswer(true)],
    ['declined', acceptAnswer(false)],
    ['voicemail', voicemailPrompt({ language: 'es', maxSeconds: 120, urls, reason: 'noAnswer' })],
    ['flood voicemail', voicemailPrompt({ language: 'en', maxSeconds: 60, urls, reason: 'flood' })],
    ['consent', consentQuestion({ language: 'es', urls })],
    ['goodbye', goodbye({ language: 'en', key: 'busy' })],
  ];
  for (const [name, twiml] of documents) {
    it(`${name} is valid`, () => expect(validateVoiceTwiml(twiml)).toEqual([]));
  }

  it('escapes what it speaks and signs nothing it should not', () => {
    const [, menu] = documents[0] ?? ['', ''];
    expect(menu).toContain('Red &lt;Sur&gt; &amp; "Norte"');
    expect(menu).toContain('action="https://amparo.example.org/webhooks/twilio/voice/language"');
  });

  it('dials every operator at once inside one <Dial>, each screened by a whisper URL', () => {
    const [, dial] = documents[4] ?? ['', ''];
    expect(dial.match(/<Dial /g)).toHaveLength(1);
    expect(
      dial.match(
        /<Number url="[^"]*\/whisper\?call=CA0+&amp;member=[0-9a-f-]{36}&amp;lang=es" method="POST">/g,
      ),
    ).toHaveLength(2);
    expect(dial).toContain('timeout="20"');
    expect(dial).toContain('answerOnBridge="true"');
  });
});

describe('the TwiML checker', () => {
  const wrong: [string, string][] = [
    ['a verb Twilio does not know', '<Response><Speak>hi</Speak></Response>'],
    ['a <Dial> inside <Gather>', '<Response><Gather><Dial>+13125550101</Dial></Gather></Response>'],
    ['an attribute <Record> does not take', '<Response><Record maxSeconds="60"/></Response>'],
    ['a method other than GET or POST', '<Response><Redirect method="PUT">/next</Redirect></Response>'],
    ['a <Number> that is not E.164', '<Response><Dial><Number>312-555-0101</Number></Dial></Response>'],
    ['a verb after <Hangup>', '<Response><Hangup/><Say>never heard</Say></Response>'],
    ['an empty <Say>', '<Response><Say language="en-US"></Say></Response>'],
    ['a root other than <Response>', '<Reply><Say>hi</Say></Reply>'],
    ['a negative timeout', '<Response><Gather timeout="-1"/></Response>'],
    ['unbalanced tags', '<Response><Say>hi</Response>'],
  ];
  for (const [name, twiml] of wrong) {
    it(`refuses ${name}`, () => expect(validateVoiceTwiml(twiml)).not.toEqual([]));
  }
});
