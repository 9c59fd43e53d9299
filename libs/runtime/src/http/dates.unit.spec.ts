import { isDomainError } from '@itsm/domain';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDay, IsInstant, IsInstantOrDay } from './dates';
import { validationPipe } from './validation';

class Holiday {
  @IsCalendarDay() start!: string;
}

class Dated {
  @IsOptional() @IsInstant() at?: string;
  @IsOptional() @IsInstantOrDay() from?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Holiday) holidays?: Holiday[];
}

/** The request as the pipe leaves it, or the refusal's field errors. */
async function validated(body: Record<string, unknown>) {
  try {
    return await validationPipe().transform(body, { type: 'body', metatype: Dated });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, fields: error.errors?.map((problem) => problem.field), message: error.message };
  }
}

describe('date fields of requests', () => {
  it('take real dates in the documented formats', async () => {
    const body = {
      at: '2026-01-31T10:30:00+01:00',
      from: '2026-01-31',
      holidays: [{ start: '2024-02-29' }],
    };
    expect(await validated(body)).toMatchObject(body);
    expect(await validated({ from: '2026-01-31T09:30:00Z' })).toMatchObject({ from: '2026-01-31T09:30:00Z' });
  });

  it('refuse anything else with a 400 naming the field and the format', async () => {
    for (const at of ['2026-W01', '20260101', '2026-01-01T10', '2026-02-30T10:00:00Z', '2026-01-01', 5]) {
      expect([at, await validated({ at })]).toEqual([
        at,
        { code: 'invalid', fields: ['at'], message: expect.stringMatching(/^at must be an RFC 3339 date-time/) },
      ]);
    }
    expect(await validated({ from: '2026-W01' })).toMatchObject({ fields: ['from'], message: /or a calendar day/ });
    expect(await validated({ holidays: [{ start: '2026-02-29' }] })).toMatchObject({
      fields: ['holidays.0.start'],
      message: 'holidays.0.start must be a calendar day YYYY-MM-DD, such as 2026-01-31',
    });
  });
});
