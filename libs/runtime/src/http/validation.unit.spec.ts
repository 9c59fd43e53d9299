import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { validationPipe } from './validation';

class PageDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  page?: number;
}

class LoginDto extends PageDto {
  @IsString()
  @MaxLength(10)
  login!: string;
}

const validate = (value: unknown, type: 'body' | 'query' = 'body') =>
  validationPipe()
    .transform(value, { type, metatype: LoginDto })
    .then(
      (valid: unknown) => ({ valid }),
      (refusal: { code: string; message: string; errors: unknown[] }) => refusal,
    );

describe('the validation pipe', () => {
  it('lets a valid body through, the fields of the DTO’s parents included', async () => {
    expect(await validate({ login: 'glpi', page: 2 })).toEqual({ valid: expect.objectContaining({ login: 'glpi' }) });
  });

  it('refuses thousands of unknown fields by listing the first twenty, before validating anything', async () => {
    const body = Object.fromEntries([
      ['login', 'x'.repeat(50)],
      ...Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]),
    ]);
    const refusal = await validate(body);
    expect(refusal).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^property k0 should not exist;.* and 4980 more$/),
    });
    expect((refusal as { errors: unknown[] }).errors).toHaveLength(20);
    // the unknown fields are all it says: the too long login was never looked at
    expect(JSON.stringify(refusal)).not.toMatch(/login/);
  });

  it('lists a few unknown fields with every wrong known field, in a body or a query', async () => {
    expect(await validate({ login: 'glpi', sort: 'x' }, 'query')).toMatchObject({
      errors: [{ field: 'sort', message: 'property sort should not exist' }],
    });
    const refusal = (await validate({ login: 'much too long a login', page: 0, extra: 1 })) as { errors: unknown[] };
    expect(refusal).toMatchObject({ code: 'invalid' });
    expect(refusal.errors).toEqual(
      expect.arrayContaining([
        { field: 'login', message: 'login must be shorter than or equal to 10 characters' },
        { field: 'page', message: 'page must not be less than 1' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });
});
