# A block pattern without `...` matches only a block of exactly those statements; with `...`
# it is anchored at the block's first statement, the last pattern statement may sit in a
# nested block, and the block may go on after it.

# ruleid: body-exact
def single():
    eval(1)

# ruleid: body-open
def only():
    x = 1
    eval(1)

# ok: body-exact
def more():
    eval(1)
    print()

# ruleid: body-open
def trailing():
    x = 1
    eval(1)
    print()

# ruleid: body-open
def gap():
    x = 1
    y = 2
    eval(1)
    print()

# ruleid: body-open
def nested():
    x = 1
    for i in y:
        while z:
            eval(i)
    print(x)

# ok: body-open
def not_first():
    y = 0
    x = 1
    eval(1)
