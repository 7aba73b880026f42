import json
import shelve

import dill
import joblib
import jsonpickle
import pandas as pd


def load(blob, path, text):
    # ruleid: unsafe-deserializer-libraries
    dill.loads(blob)
    # ruleid: unsafe-deserializer-libraries
    jsonpickle.decode(text)
    # ruleid: unsafe-deserializer-libraries
    shelve.open(path)
    # ruleid: unsafe-deserializer-libraries
    joblib.load(path)
    # ruleid: unsafe-deserializer-libraries
    pd.read_pickle(path)
    # ok: unsafe-deserializer-libraries
    json.loads(text)
    # ok: unsafe-deserializer-libraries
    pd.read_csv(path)
