def handler(h, n, a, b):
    # ruleid: kwargs-any-order
    connect(verify=False, host=h)
    # ruleid: kwargs-any-order
    connect(host=h, verify=False)
    # ok: kwargs-any-order
    connect(host=h, verify=True)
    # ruleid: string-by-value
    open('/etc/passwd')
    # ruleid: string-by-value
    open("""/etc/passwd""")
    # ruleid: string-by-value
    open(r"/etc/passwd")
    # ok: string-by-value
    open("/etc/hosts")
    # ruleid: dict-ellipsis
    config({"name": n, "debug": True, 'port': 1})
    # ruleid: dict-ellipsis
    config({'debug': True})
    # ok: dict-ellipsis
    config({"name": n, "debug": False})
    # ruleid: statement-sequence
    x = input()
    print(x)
    run(x)
    y = input()
    # ok: statement-sequence
    run(n)
    # ruleid: comparison
    sleep(30)
    # ruleid: comparison
    sleep(0x20)
    # ok: comparison
    sleep(5)
    copy(a,
         # ruleid: focus
         b)
