def handle(expr, code):
    # ruleid: eval-exec
    result = eval(expr)
    # ruleid: eval-exec
    exec(code, {"__builtins__": {}})
    # ruleid: eval-exec
    compile("x = " + expr, "<input>", "exec")
    # ok: eval-exec
    eval("1 + 2")
    # ok: eval-exec
    exec('print("fixed")')
    # ok: eval-exec
    model.eval()
    return result
