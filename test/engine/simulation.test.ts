import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';

describe('Simulation ordering', () => {
  it('runs events in time order, then priority, then scheduling order', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    sim.schedule(10, () => log.push('t10-a'));
    sim.schedule(5, () => log.push('t5'));
    sim.schedule(10, () => log.push('t10-b'));
    sim.schedule(10, () => log.push('t10-prio-1'), -1);
    sim.schedule(10, () => log.push('t10-c'));
    sim.at(0, () => log.push('t0'));
    const stats = sim.run();
    expect(log).toEqual(['t0', 't5', 't10-prio-1', 't10-a', 't10-b', 't10-c']);
    expect(stats.events).toBe(6);
    expect(sim.now).toBe(10);
  });

  it('keeps scheduling order among a thousand equal keys', () => {
    const sim = new Simulation({ seed: 1 });
    const got: number[] = [];
    for (let i = 0; i < 1000; i++) sim.schedule(7, () => got.push(i));
    sim.run();
    expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('events scheduled from inside an event at delay 0 run after the current one', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    sim.schedule(1, () => {
      log.push('a');
      sim.schedule(0, () => log.push('c'));
    });
    sim.schedule(1, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('rounds delays to whole milliseconds', () => {
    const sim = new Simulation({ seed: 1 });
    const times: number[] = [];
    sim.schedule(1.4, () => times.push(sim.now));
    sim.schedule(1.6, () => times.push(sim.now));
    sim.run();
    expect(times).toEqual([1, 2]);
  });
});

describe('scheduleWith', () => {
  it('calls one function with each event\'s own argument, in the same order as schedule', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    const each = (u: number): void => {
      log.push(`u${u}@${sim.now}`);
    };
    sim.scheduleWith(10, each, 3);
    sim.schedule(10, () => log.push('plain@10'));
    sim.scheduleWith(5, each, 0);
    sim.scheduleWith(10, each, -2, -1);
    const h = sim.scheduleWith(7, each, 9);
    expect(sim.cancel(h)).toBe(true);
    sim.run();
    expect(log).toEqual(['u0@5', 'u-2@10', 'u3@10', 'plain@10']);
  });

  it('calls a plain action with no argument', () => {
    const sim = new Simulation({ seed: 1 });
    const seen: number[] = [];
    sim.schedule(1, (...args: unknown[]) => seen.push(args.length));
    sim.scheduleWith(2, (...args: unknown[]) => seen.push(args.length), 4);
    sim.run();
    expect(seen).toEqual([0, 1]);
  });

  it('refuses an argument that is not a 32-bit integer, and bad delays as schedule does', () => {
    const sim = new Simulation({ seed: 1 });
    for (const bad of [Number.NaN, 0.5, 2 ** 31, -(2 ** 31), Infinity]) expect(() => sim.scheduleWith(1, () => {}, bad)).toThrow(/integer/);
    sim.scheduleWith(1, () => {}, 2 ** 31 - 1);
    sim.scheduleWith(1, () => {}, -(2 ** 31) + 1);
    expect(sim.pending).toBe(2);
    sim.run();
    expect(() => sim.scheduleWith(-1, () => {}, 0)).toThrow(/negative/);
    expect(() => sim.scheduleWith(Infinity, () => {}, 0)).toThrow(/finite/);
    expect(sim.pending).toBe(0);
  });
});

describe('Simulation errors', () => {
  it('refuses negative and non-finite delays with a clear message', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => sim.schedule(-1, () => {})).toThrow('negative delay: -1 ms');
    expect(() => sim.schedule(Number.NaN, () => {})).toThrow('finite');
    expect(() => sim.schedule(Infinity, () => {})).toThrow('finite');
  });

  it('refuses a time in the past and an until before now', () => {
    const sim = new Simulation({ seed: 1 });
    sim.schedule(100, () => {});
    sim.run();
    expect(() => sim.at(50, () => {})).toThrow('before now');
    expect(() => sim.run({ until: 10 })).toThrow('before now');
  });
});

describe('cancel', () => {
  it('skips a cancelled event and reports whether it cancelled', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    const h = sim.schedule(5, () => log.push('cancelled'));
    sim.schedule(6, () => log.push('kept'));
    expect(sim.pending).toBe(2);
    expect(sim.cancel(h)).toBe(true);
    expect(sim.cancel(h)).toBe(false);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(log).toEqual(['kept']);
  });

  it('a stale handle cannot cancel a later event that reuses its slot', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    const old = sim.schedule(1, () => log.push('first'));
    sim.run();
    sim.schedule(1, () => log.push('second')); // reuses the freed slot
    expect(sim.cancel(old)).toBe(false);
    sim.run();
    expect(log).toEqual(['first', 'second']);
  });

  it('an event can cancel another at the same time', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    let h = 0;
    sim.schedule(3, () => {
      log.push('a');
      sim.cancel(h);
    });
    h = sim.schedule(3, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a']);
  });
});

describe('run until and continue', () => {
  it('runs events at exactly until, keeps later ones, and continues them', () => {
    const sim = new Simulation({ seed: 1 });
    const log: number[] = [];
    for (const t of [5, 10, 10, 15, 20]) sim.at(t, () => log.push(t));
    const first = sim.run({ until: 10 });
    expect(log).toEqual([5, 10, 10]);
    expect(first.events).toBe(3);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(2);
    const second = sim.run({ until: 17 });
    expect(log).toEqual([5, 10, 10, 15]);
    expect(second.events).toBe(1);
    expect(sim.now).toBe(17);
    sim.run();
    expect(log).toEqual([5, 10, 10, 15, 20]);
    expect(sim.now).toBe(20);
  });

  it('advances the clock to until when the queue empties first', () => {
    const sim = new Simulation({ seed: 1 });
    sim.at(3, () => {});
    expect(sim.run({ until: 1000 }).nowMs).toBe(1000);
  });

  it('stop() returns after the current event and a later run resumes', () => {
    const sim = new Simulation({ seed: 1 });
    const log: number[] = [];
    sim.at(1, () => {
      log.push(1);
      sim.stop();
    });
    sim.at(2, () => log.push(2));
    const s = sim.run({ until: 100 });
    expect(s.stopped).toBe(true);
    expect(sim.now).toBe(1);
    sim.run({ until: 100 });
    expect(log).toEqual([1, 2]);
  });
});

describe('random streams', () => {
  const draws = (sim: Simulation, name: string, n: number): number[] =>
    Array.from({ length: n }, () => sim.random(name)());

  it('the same (seed, name) gives the same draws; another seed differs', () => {
    const a = draws(new Simulation({ seed: 7 }), 'faults.hardware', 5);
    const b = draws(new Simulation({ seed: 7 }), 'faults.hardware', 5);
    const c = draws(new Simulation({ seed: 8 }), 'faults.hardware', 5);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('adding a stream and drawing from it does not change another stream', () => {
    const plain = new Simulation({ seed: 7 });
    const expected = draws(plain, 'faults.hardware', 20);
    const busy = new Simulation({ seed: 7 });
    const got: number[] = [];
    for (let i = 0; i < 20; i++) {
      draws(busy, 'dns.resolvers', 3);
      got.push(busy.random('faults.hardware')());
    }
    expect(got).toEqual(expected);
  });
});

describe('Simulation priorities', () => {
  it('accepts integer priorities in [-1024, 1023] and orders them before the sequence', () => {
    const sim = new Simulation({ seed: 1 });
    const log: number[] = [];
    for (const p of [1023, 0, -1024, 5, -3]) sim.schedule(10, () => log.push(p), p);
    sim.run();
    expect(log).toEqual([-1024, -3, 0, 5, 1023]);
  });

  it('refuses a priority out of range or not an integer', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => sim.schedule(1, () => {}, 1024)).toThrow('priority must be an integer in [-1024, 1023]');
    expect(() => sim.schedule(1, () => {}, 0.5)).toThrow('priority');
  });
});
