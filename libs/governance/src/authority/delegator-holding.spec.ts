import { authorityAt, buildAuthorityModel } from './authority-model';
import { delegatorFindings } from './delegator-holding';
import { FactLog } from './test/authority-facts';

/** Given the facts, when a delegation is made, then the findings about its delegator, judged with it recorded. */
function findingsOf(log: FactLog, delegation: Parameters<FactLog['grant']>[0]) {
  log.grant(delegation);
  const model = buildAuthorityModel(log.facts);
  const made = { ...delegation, delegatorBodyId: delegation.delegator, delegateBodyId: delegation.delegate };
  return delegatorFindings(made, (fn, area, at) => authorityAt(model, fn, area, at));
}

describe('whether a delegator held what it delegated', () => {
  const given = () => {
    const log = new FactLog();
    log.establish('nhs-england', 'nhs-england', 'NHS England', '2013-04-01');
    log.establish('wirral-council', 'local-authority', 'Wirral Council', '2009-04-01');
    log.establish('nhs-wirral-ccg', 'ccg', 'NHS Wirral CCG', '2013-04-01');
    log.establish('wirral-jscb', 'committees-in-common', 'Joint Strategic Commissioning Board', '2018-04-01');
    log.assign('nhs-england', ['dental-services'], ['wirral'], '2013-04-01', null, 'Health and Social Care Act 2012');
    log.assign('wirral-council', ['adult-social-care'], ['wirral'], '2009-04-01', null, 'Local Government Act 1972');
    return log;
  };
  const grant = { delegationId: 'd1', delegate: 'nhs-wirral-ccg', areas: ['wirral'], from: '2019-04-01' };

  it('finds nothing wanting when the delegator holds the function by statute', () => {
    expect(findingsOf(given(), { ...grant, delegator: 'wirral-council', functions: ['adult-social-care'] })).toEqual([]);
  });

  it('finds that a council delegating dental services, which NHS England holds, did not hold them', () => {
    const findings = findingsOf(given(), { ...grant, delegator: 'wirral-council', functions: ['dental-services', 'adult-social-care'] });
    expect(findings).toEqual([
      {
        finding: 'delegator-did-not-hold',
        function: 'dental-services',
        area: 'wirral',
        date: '2019-04-01',
        delegatorBodyId: 'wirral-council',
        message: expect.stringContaining('neither by statute nor by delegation'),
      },
    ]);
  });

  it('finds it per atomic area of a place, and on the start date only', () => {
    const log = given();
    log.establish('cheshire-east-council', 'local-authority', 'Cheshire East Council', '2009-04-01');
    log.assign('cheshire-east-council', ['adult-social-care'], ['eastern-cheshire'], '2009-04-01', null, 'LGA 1972');
    log.assign('cheshire-east-council', ['adult-social-care'], ['south-cheshire'], '2020-01-01', null, 'LGA 1972');
    const findings = findingsOf(log, {
      ...grant,
      delegator: 'cheshire-east-council',
      functions: ['adult-social-care'],
      areas: ['cheshire-east'],
    });
    expect(findings.map((f) => [f.function, f.area, f.date])).toEqual([['adult-social-care', 'south-cheshire', '2019-04-01']]);
  });

  it('finds nothing wanting for a delegate passing on under a delegation that allows it', () => {
    const log = given();
    log.grant({
      delegationId: 'up',
      delegator: 'wirral-council',
      delegate: 'wirral-jscb',
      functions: ['adult-social-care'],
      areas: ['wirral'],
      from: '2018-04-01',
      subDelegationAllowed: true,
    });
    expect(findingsOf(log, { ...grant, delegator: 'wirral-jscb', functions: ['adult-social-care'] })).toEqual([]);
  });

  it('finds that a delegate whose delegation does not allow sub-delegation did not hold it to pass on', () => {
    const log = given();
    log.grant({
      delegationId: 'up',
      delegator: 'wirral-council',
      delegate: 'wirral-jscb',
      functions: ['adult-social-care'],
      areas: ['wirral'],
      from: '2018-04-01',
    });
    const findings = findingsOf(log, { ...grant, delegator: 'wirral-jscb', functions: ['adult-social-care'] });
    expect(findings).toEqual([
      expect.objectContaining({
        finding: 'delegator-did-not-hold',
        area: 'wirral',
        message: expect.stringContaining('does not allow sub-delegation'),
      }),
    ]);
  });

  it('finds that a body held nothing before its statutory functions began', () => {
    const findings = findingsOf(given(), { ...grant, from: '2008-04-01', delegator: 'wirral-council', functions: ['adult-social-care'] });
    expect(findings.map((f) => f.date)).toEqual(['2008-04-01']);
  });
});
