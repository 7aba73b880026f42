# Parentheses around a matched expression are part of the match: the finding starts at `(`.

rows = (
    # ruleid: extra-call
    (
        Article.objects.filter(name="x").extra(
            where=["a = 1"]
        )
    ),
)

# ruleid: extra-call
nested = ((
    qs.extra(select={"n": "1"})
))

if ok:
    # ruleid: extra-call
    qs.extra(where=["b = 2"])
