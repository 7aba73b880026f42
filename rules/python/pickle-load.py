import pickle
import pandas as pd
from pickle import loads


def restore(blob, path):
    # ruleid: pickle-load
    obj = pickle.loads(blob)
    # ruleid: pickle-load
    with open(path, "rb") as f: state = pickle.load(f)
    # ruleid: pickle-load
    frame = pd.read_pickle(path)
    # ruleid: pickle-load
    other = loads(blob)
    # ok: pickle-load
    data = pickle.dumps(obj)
    return obj, state, frame, other, data
