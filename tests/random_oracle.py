# Prints the expectations for tests/random.rs: one line per (seed, case), "seed|case|payload".
# The seeds come from argv[1] as a Python list literal.
import random, struct, sys

SEEDS = eval(sys.argv[1])


def b(x):
    return str(struct.unpack('<Q', struct.pack('<d', x))[0])


def fmt(v):
    if isinstance(v, (list, tuple)):
        return ' '.join(fmt(x) for x in v)
    if isinstance(v, float):
        return b(v)
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return str(v)


def res(f):
    try:
        return fmt(f())
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def shuffled(n, r):
    x = list(range(n))
    r.shuffle(x)
    return x


CASES = {
    'random': lambda r: [r.random() for _ in range(20)],
    'bits': lambda r: [r.getrandbits(k) for k in (1, 31, 32, 33, 64, 65, 100, 0, 7, 1000)],
    'randrange': lambda r: [
        r.randrange(10), r.randrange(-5, 5), r.randrange(0, 100, 7), r.randrange(100, 0, -3),
        r.randrange(2**100), r.randrange(-2**70, 2**70, 3), r.randrange(10**30, -10**30, -7),
        r.randrange(1, 2**64), r.randrange(2**64, 2**64 + 5), r.randrange(2**32), r.randrange(2**32 + 1),
        r.randrange(5, None, 1)],
    'randint': lambda r: [r.randint(1, 6) for _ in range(10)] + [
        r.randint(-10**30, 10**30), r.randint(0, 0), r.randint(-3, -1), r.randint(0, 2**200)],
    'shuffle': lambda r: shuffled(20, r) + shuffled(1, r) + shuffled(2, r) + shuffled(100, r) + shuffled(0, r),
    'sample': lambda r: ';'.join(fmt(r.sample(range(n), k)) for n, k in (
        (100, 10), (10**6, 5), (30, 30), (50, 0), (1000, 300), (22, 6), (100, 6), (85, 6), (86, 6),
        (100, 21), (100, 22), (20, 5), (21, 5), (22, 5), (1, 1))),
    'choices': lambda r: ';'.join(fmt(c) for c in (
        r.choices(range(10), k=20),
        r.choices(range(10), weights=range(1, 11), k=20),
        r.choices(range(5), cum_weights=[1, 3, 6, 10, 15], k=10),
        r.choices(range(4), [0.1, 0.2, 0.3, 0.4], k=10),
        r.choices(range(3), [0, 0, 1], k=5),
        r.choices(range(1000), k=5),
        r.choices(range(1), k=3),
        r.choices(range(3), k=0))),
    'uniform': lambda r: [r.uniform(2.5, 10.0) for _ in range(5)] + [r.uniform(-1e10, 1e10), r.uniform(3.0, -3.0)],
    'gauss': lambda r: [r.gauss(0.0, 1.0) for _ in range(7)] + [r.gauss(5.0, 2.0) for _ in range(3)],
    'normal': lambda r: [r.normalvariate(0.0, 1.0) for _ in range(5)] + [r.normalvariate(1.0, 2.0) for _ in range(5)],
    'bytes': lambda r: ';'.join(r.randbytes(n).hex() for n in (0, 1, 3, 4, 7, 9)),
    'choice': lambda r: [r.choice(range(17)) for _ in range(10)] + [r.choice(range(2**40))],
    'state': lambda r: list(r.getstate()[1]) + [r.getrandbits(32) for _ in range(700)][-1:] + list(r.getstate()[1]),
    'errors': lambda r: ';'.join(res(f) for f in (
        lambda: r.randrange(1, 1), lambda: r.randrange(0), lambda: r.randrange(-3), lambda: r.randrange(10, 0, 2),
        lambda: r.randrange(0, 10, 0), lambda: r.randrange(5, None, 2), lambda: r.randint(5, 1),
        lambda: r.randrange(0, 10, -1), lambda: r.sample(range(3), 4), lambda: r.sample(range(3), -1),
        lambda: r.choice([]), lambda: r.choices(range(3), [1, 2], k=1), lambda: r.choices(range(3), [0, 0, 0]),
        lambda: r.choices(range(2), [1, float('inf')]), lambda: r.choices(range(2), [1, 1], cum_weights=[1, 2]),
        lambda: r.choices([], [], k=0), lambda: r.choices([], k=0), lambda: r.choices([], k=1),
        lambda: r.getrandbits(-1), lambda: r.getrandbits(2**40), lambda: r.randrange(10, 20))),
}

for i, seed in enumerate(SEEDS):
    for name, case in CASES.items():
        r = random.Random()
        r.seed(seed)
        print(f"{i}|{name}|{fmt(case(r))}")
