def f(bits):
    # ruleid: deep-comparison
    generate(size(4096, 1024))
    # ruleid: deep-comparison
    generate(max(bits, 512))
    # ok: deep-comparison
    generate(size(4096, 8192))
