/** MAESTRO's command-line flags: value parsers, options without effect, hardware overrides. */
import { InvalidArgumentError } from 'commander';
import { UserError } from '../../errors.js';
import { MAX_INT } from '../../parse/index.js';
import { checkIntText } from '../../parse/token-stream.js';
import type { HardwareOverrides } from './types.js';

/** A boolean flag value as MAESTRO's boost options take it: true/false, 1/0, yes/no, on/off. */
export function parseBool(v: string): boolean {
  const s = v.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw new InvalidArgumentError(`expected true or false, got '${v}'`);
}

/** A commander parser for an integer flag value in min..2^31-1 (a one-line error otherwise). */
export function intArg(min: number) {
  return (v: string): number => {
    try {
      return checkIntText(v.trim(), min, {});
    } catch (e) {
      throw new InvalidArgumentError(e instanceof UserError ? e.reason : String(e));
    }
  };
}

/**
 * MAESTRO's options that change none of its results in a normal run (its main program reads them
 * only for its NoC bandwidth sweep, or not at all; checked by running MAESTRO with and without
 * them): accepted with a value of their type, so MAESTRO's run scripts work unchanged.
 */
export const MAESTRO_NO_EFFECT: readonly (readonly [name: string, parse: (v: string) => unknown])[] = [
  ['noc_mc_support', parseBool], ['top_bw_only', parseBool], ['bw_sweep', parseBool],
  ['do_implicit_reduction', parseBool], ['do_fg_sync', parseBool], ['do_reduction_op', parseBool],
  ['do_dse', parseBool], ['full_buffer', parseBool], ['verbose', parseBool], ['print_design_space', parseBool], ['print_space', parseBool],
  ['min_num_PEs', anyIntArg], ['max_num_PEs', anyIntArg], ['min_noc_bw', anyIntArg], ['max_noc_bw', anyIntArg], ['pe_tick', anyIntArg], ['bw_tick', anyIntArg],
  ['area_constraint', numberArg], ['power_constraint', numberArg], ['optimization_target', String],
  // MAESTRO's older inputs: it reads the network and dataflows from --Mapping_file only (a note says so).
  ['dataflow_file', String], ['layer_file', String],
];

/** Files MAESTRO takes but does not read (a one-line note on stderr). */
export const IGNORED_FILES = ['dataflow_file', 'layer_file'];

function anyIntArg(v: string): number {
  const n = Number(v.trim());
  if (!/^\s*[-+]?\d+\s*$/.test(v) || n < -MAX_INT - 1 || n > MAX_INT) throw new InvalidArgumentError(`expected an integer, got '${v}'`);
  return n;
}

function numberArg(v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${v}'`);
  return n;
}


/** MAESTRO's NoC latency from its flags: `--noc_hop_latency` x `--noc_hops` (an int there; beyond it, an error here). */
export function nocLatency(hopLatency: number, hops: number): number {
  const l = hopLatency * hops;
  // (the product in the message exactly: beyond 2^53 a double would round it)
  if (l > MAX_INT)
    throw new UserError(`--noc_hop_latency x --noc_hops = ${BigInt(hopLatency) * BigInt(hops)} is above ${MAX_INT} (MAESTRO's int would wrap)`);
  return l;
}

/** MAESTRO's hardware flags, as the command line gives them (values already checked integers). */
export interface HardwareFlags {
  num_pes?: number;
  l1_size_cstr?: number;
  l2_size_cstr?: number;
  noc_bw_cstr?: number;
  offchip_bw_cstr?: number;
  noc_hops?: number;
  noc_hop_latency?: number;
  num_simd_lanes?: number;
}

/**
 * The hardware values the flags set (they override the hardware file). `--noc_hop_latency` makes
 * the NoC latency MAESTRO's product `--noc_hop_latency` x `--noc_hops` (default 1); without it
 * `--noc_hops` replaces a hardware file's NoC_NumHops (the latency itself) and, without a hardware
 * file, changes nothing, as in MAESTRO (0 cycles per hop by default).
 */
export function hardwareOverrides(f: HardwareFlags): HardwareOverrides {
  const hw: HardwareOverrides = {};
  if (f.num_pes !== undefined) hw.numPes = f.num_pes;
  if (f.l1_size_cstr !== undefined) hw.l1Size = f.l1_size_cstr;
  if (f.l2_size_cstr !== undefined) hw.l2Size = f.l2_size_cstr;
  if (f.noc_bw_cstr !== undefined) hw.nocBw = f.noc_bw_cstr;
  if (f.offchip_bw_cstr !== undefined) hw.offchipBw = f.offchip_bw_cstr;
  if (f.noc_hop_latency !== undefined) hw.nocHops = nocLatency(f.noc_hop_latency, f.noc_hops ?? 1);
  else if (f.noc_hops !== undefined) hw.fileNocHops = f.noc_hops;
  if (f.num_simd_lanes !== undefined) hw.vectorWidth = f.num_simd_lanes;
  return hw;
}
