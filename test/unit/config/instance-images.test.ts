/**
 * The instance-type facts behind the image checks (rules/instance-images.ts), table by table:
 * which families are accelerated or Arm, and which image variants each amiFamily offers. Every
 * family name and every variant of the tables is asserted, so a change to either is a failing test.
 */
import { describe, expect, it } from 'vitest';
import {
  familyHasImageFor,
  imageInstanceType,
  isAccelerated,
  isArmInstanceType,
} from '../../../src/config/rules/instance-images.js';

const NVIDIA = [
  'g4dn',
  'g5',
  'g5g',
  'g6',
  'g6e',
  'g6f',
  'g7',
  'g7e',
  'gr6',
  'gr6f',
  'p3dn',
  'p4d',
  'p4de',
  'p5',
  'p5e',
  'p5en',
  'p6-b200',
  'p6-b300',
];
const NEURON = ['inf1', 'inf2', 'trn1', 'trn1n', 'trn2', 'inf12'];
const GRAVITON = ['a1', 'm6g', 'm7g', 'c7gn', 'im4gn', 'is4gen', 'x2gd', 'r8g', 'm10g'];
const PLAIN = ['m5', 'c6i', 't3', 'r7iz', 'x2idn', 'g4ad'];

describe('isAccelerated', () => {
  it.each([...NVIDIA, ...NEURON])('%s: yes', (family) => {
    expect(isAccelerated(`${family}.xlarge`)).toBe(true);
  });
  it.each([...PLAIN, 'm7g', 'xinf2', 'inf2-x', 'inf', 'trn', 'inf2a1'])('%s: no', (family) => {
    expect(isAccelerated(`${family}.xlarge`)).toBe(false);
  });
});

describe('isArmInstanceType', () => {
  it.each(GRAVITON)('%s: Arm', (family) => {
    expect(isArmInstanceType(`${family}.large`)).toBe(true);
  });
  it.each([...PLAIN, 'a2', 'g5', '9m7g', 'm7g-x', 'm7g1', 'mg'])('%s: not Arm', (family) => {
    expect(isArmInstanceType(`${family}.large`)).toBe(false);
  });
});

describe('imageInstanceType', () => {
  it('is the first accelerated type of a list, else the first', () => {
    expect(imageInstanceType(['m5.large', 'c5.large'])).toBe(0);
    expect(imageInstanceType(['m5.large', 'g5.xlarge', 'inf2.xlarge'])).toBe(1);
    expect(imageInstanceType(['m5.large', 'c5.large', 'trn1.2xlarge'])).toBe(2);
    expect(imageInstanceType(['g5.xlarge', 'm5.large'])).toBe(0);
  });
});

/** One instance type per image variant; `trn2g` stands for an Arm Neuron family (none exists yet). */
const VARIANT_OF = {
  x86: 'm5.large',
  'x86-nvidia': 'g5.xlarge',
  'x86-neuron': 'inf2.xlarge',
  arm: 'm7g.large',
  'arm-nvidia': 'g5g.xlarge',
  'arm-neuron': 'trn2g.large',
} as const;
type Variant = keyof typeof VARIANT_OF;
const ALL = Object.keys(VARIANT_OF) as Variant[];
const WINDOWS: Variant[] = ['x86', 'x86-nvidia'];

const OFFERED: Record<string, Variant[]> = {
  AmazonLinux2023: ['x86', 'x86-nvidia', 'x86-neuron', 'arm', 'arm-nvidia'],
  AmazonLinux2: ['x86', 'x86-nvidia', 'x86-neuron', 'arm'],
  Bottlerocket: ALL,
  BottlerocketFips: ALL,
  WindowsServer2019FullContainer: WINDOWS,
  WindowsServer2019CoreContainer: WINDOWS,
  WindowsServer2022FullContainer: WINDOWS,
  WindowsServer2022CoreContainer: WINDOWS,
  WindowsServer2025FullContainer: WINDOWS,
  WindowsServer2025CoreContainer: WINDOWS,
  // No mapping in eksctl: not checked here.
  Ubuntu2204: ALL,
  UbuntuPro2404: ALL,
};

describe('familyHasImageFor', () => {
  it.each(Object.entries(OFFERED))('%s has an image for exactly its variants', (family, offered) => {
    const has = ALL.filter((v) => familyHasImageFor(family, VARIANT_OF[v]));
    expect(has).toEqual(offered);
  });
});
