/**
 * VPC rules (rules/vpc.ts) at their edges: a supplied VPC without subnets is reported at `vpc`, and
 * public subnets count for eksctl's subnets-or-zones check as private ones do.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';

const problems = (text: string) => load(text).problems.map((p) => [p.rule, p.path, p.line, p.column]);

describe('vpc edges', () => {
  it('a supplied VPC without subnets: reported where vpc starts', () => {
    expect(problems(lines(HEADER, 'vpc:', '  id: vpc-0123456789abcdef0'))).toEqual([
      ['V4', 'vpc.subnets.private', 8, 1],
    ]);
  });

  it('public subnets count for vpc.subnets next to availabilityZones', () => {
    const text = lines(
      HEADER,
      'availabilityZones: [us-west-2a, us-west-2b]',
      'vpc:',
      '  subnets:',
      '    private:',
      '      us-west-2a: {id: subnet-0aaaaaaaaaaaaaaa1}',
      '    public:',
      '      us-west-2b: {id: subnet-0bbbbbbbbbbbbbbb2}',
    );
    expect(problems(text)).toEqual([
      ['V13', 'availabilityZones', 8, 1],
      ['V14', 'vpc.subnets.private', 11, 5],
      ['V3', 'vpc.subnets.public', 13, 5],
    ]);
  });
});
