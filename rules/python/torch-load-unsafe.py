import numpy as np
import torch


def restore(path):
    # ruleid: torch-load-unsafe
    torch.load(path)
    # ruleid: torch-load-unsafe
    torch.load(path, map_location="cpu", weights_only=False)
    # ruleid: torch-load-unsafe
    np.load(path, allow_pickle=True)
    # ok: torch-load-unsafe
    torch.load(path, weights_only=True)
    # ok: torch-load-unsafe
    np.load(path)
