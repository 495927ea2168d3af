import { describe, expect, it } from 'vitest';
import { dayNumber } from '../time';
import { periodDays, resultPeriods } from './result-periods';

const day = (iso: string) => dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

describe('the periods a result compares', () => {
  it('runs during from the start to yesterday, and before over the same number of days just before', () => {
    const periods = resultPeriods({ startDay: day('2026-11-02'), endDay: null, today: day('2026-11-30'), dataEndDay: day('2026-11-30'), monthly: false });
    expect(periods.ok && periods.value).toMatchObject({
      unit: 'days',
      during: { fromDay: day('2026-11-02'), toDay: day('2026-11-30') },
      before: { fromDay: day('2026-10-05'), toDay: day('2026-11-02') },
      compared: '2026-11-02 to 2026-11-29 against the 28 days before, 2026-10-05 to 2026-11-01',
    });
  });

  it('stops during at the end date, and at the last day of data when that is earlier', () => {
    const ended = resultPeriods({
      startDay: day('2026-10-01'),
      endDay: day('2026-10-14'),
      today: day('2026-11-30'),
      dataEndDay: day('2026-11-30'),
      monthly: false,
    });
    expect(ended.ok && ended.value.during).toEqual({ fromDay: day('2026-10-01'), toDay: day('2026-10-15') });
    const stale = resultPeriods({ startDay: day('2026-10-01'), endDay: null, today: day('2026-11-30'), dataEndDay: day('2026-10-11'), monthly: false });
    expect(stale.ok && stale.value.during).toEqual({ fromDay: day('2026-10-01'), toDay: day('2026-10-11') });
    expect(stale.ok && periodDays(stale.value.before)).toBe(10);
  });

  it('compares whole months when the data is monthly; the starting month belongs to neither period', () => {
    const periods = resultPeriods({ startDay: day('2019-03-10'), endDay: null, today: day('2019-08-15'), dataEndDay: day('2019-07-01'), monthly: true });
    expect(periods.ok && periods.value).toMatchObject({
      unit: 'months',
      during: { fromDay: day('2019-04-01'), toDay: day('2019-07-01') },
      before: { fromDay: day('2018-12-01'), toDay: day('2019-03-01') },
    });
    expect(periods.ok && periods.value.compared).toBe(
      'Apr 2019 to Jun 2019 against Dec 2018 to Feb 2019 (whole months: some of the data is known only to the month; Mar 2019, when the tasking started, is in neither)',
    );
  });

  it('starts on the first of a month without skipping it', () => {
    const periods = resultPeriods({ startDay: day('2019-03-01'), endDay: null, today: day('2019-05-02'), dataEndDay: day('2019-06-01'), monthly: true });
    expect(periods.ok && periods.value).toMatchObject({
      during: { fromDay: day('2019-03-01'), toDay: day('2019-05-01') },
      before: { fromDay: day('2019-01-01'), toDay: day('2019-03-01') },
    });
  });

  it('says why there is nothing to compare yet', () => {
    const notStarted = resultPeriods({ startDay: day('2026-12-01'), endDay: null, today: day('2026-12-01'), dataEndDay: day('2026-12-01'), monthly: false });
    expect(!notStarted.ok && notStarted.reason).toContain('starts on 2026-12-01');
    const noMonth = resultPeriods({ startDay: day('2019-03-10'), endDay: null, today: day('2019-04-20'), dataEndDay: day('2019-05-01'), monthly: true });
    expect(!noMonth.ok && noMonth.reason).toContain('no whole month has passed');
    const oldData = resultPeriods({ startDay: day('2026-10-01'), endDay: null, today: day('2026-11-30'), dataEndDay: day('2026-09-01'), monthly: false });
    expect(!oldData.ok && oldData.reason).toContain('the data for this theme ends on 2026-08-31');
    const none = resultPeriods({ startDay: day('2026-10-01'), endDay: null, today: day('2026-11-30'), dataEndDay: null, monthly: false });
    expect(!none.ok && none.reason).toBe('there is no data for this theme yet');
  });
});
