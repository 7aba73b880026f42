import tarfile


def unpack(path, dest):
    tar = tarfile.open(path)
    # ruleid: tarfile-extractall
    tar.extractall(dest)
    # ok: tarfile-extractall
    tar.extractall(dest, filter="data")
    tar.close()
