def handler(a, b, c):
    # ruleid: string-concat-and-escapes
    open("/etc/" "passwd")
    # ruleid: string-concat-and-escapes
    open(u'/etc/passwd')
    # ruleid: nested-sequence
    x = input()
    if c:
        run(x)
    # ruleid: comparison-forms
    sleep(50)
    # ok: comparison-forms
    sleep(500)
    # ruleid: comparison-int-of-string
    port("80")
    # ok: comparison-int-of-string
    port("8080")
    # ruleid: focus-two
    copy(a,
         # ruleid: focus-two
         b)
    # ruleid: dict-metavars
    config({"debug": True})
