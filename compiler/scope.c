/* scope.c - name resolution: which column of an operator's row a name in
 * a query means (bind_internal.h). A scope holds the relations of one FROM
 * clause; names are case-insensitive (ast.h), found through a hash index so
 * that a query over a table of 10,000 columns binds in linear time. */
#include <string.h>
#include <strings.h>

#include "bind_internal.h"

Scope *scope_new(Binder *b, Op *op, const char *qual, const char *name)
{
    Scope *s = arena_alloc(b->a, sizeof *s);
    s->in = op;
    s->rels = arena_alloc(b->a, sizeof(ScopeRel));
    s->rels[0] = (ScopeRel){qual, name ? name : qual, 0, op->n_cols};
    s->n_rels = 1;
    s->hidden = arena_alloc(b->a, sizeof(bool) * (size_t)(op->n_cols + 1));
    return s;
}

/* Builds the name index of s on first use (the row does not change after
 * the FROM clause is bound). */
static void scope_index(Binder *b, Scope *s)
{
    if (s->indexed) return;
    hmap_init(&s->names);
    for (int i = 0; i < s->in->n_cols; i++)
        hmap_put(b->a, &s->names, hmap_hash_name(s->in->cols[i].name), i);
    s->indexed = true;
}

/* True when `qual` names relation r: its alias, or its table's name when
 * it has no alias (an alias hides the name, as in SQL and Flink). */
static bool scope_rel_named(const ScopeRel *r, const char *qual)
{
    const char *n = r->qual ? r->qual : r->name;
    return n && strcasecmp(n, qual) == 0;
}

bool scope_has_qual(const Scope *s, const char *qual)
{
    for (int r = 0; r < s->n_rels; r++)
        if (scope_rel_named(&s->rels[r], qual)) return true;
    return false;
}

/* The relation holding column i. */
static const ScopeRel *scope_rel_of(const Scope *s, int i)
{
    for (int r = 0; r < s->n_rels; r++)
        if (i >= s->rels[r].first && i < s->rels[r].first + s->rels[r].n) return &s->rels[r];
    return NULL;
}

/* The visible column named `name` of the relation qualified `qual` (any
 * relation when qual is NULL); -1 when none, -2 when ambiguous. */
static int scope_lookup(Binder *b, Scope *s, const char *qual, const char *name)
{
    scope_index(b, s);
    uint32_t pos = 0;
    int i, found = -1;
    while (hmap_next(&s->names, hmap_hash_name(name), &pos, &i)) {
        if (s->hidden[i] || strcasecmp(s->in->cols[i].name, name) != 0) continue;
        const ScopeRel *r = scope_rel_of(s, i);
        if (qual && !(r && scope_rel_named(r, qual))) continue;
        if (found >= 0 && found != i) return -2;
        found = i;
    }
    return found;
}

int scope_find(Binder *b, Scope *s, const char *name)
{
    return scope_lookup(b, s, NULL, name);
}

const char *scope_what(const Scope *s)
{
    if (s->n_rels == 1 && s->rels[0].qual)
        return s->rels[0].name ? s->rels[0].name : s->rels[0].qual;
    return "the FROM clause";
}

/* The name a query uses for its FROM item: its alias when it has one. */
static const char *scope_qual(const Scope *s)
{
    if (s->n_rels == 1 && s->rels[0].qual) return s->rels[0].qual;
    return scope_what(s);
}

/* "unknown column" with the closest visible name as a suggestion. */
static void scope_unknown(Binder *b, Scope *s, const Expr *e)
{
    /* Flink's niladic time functions, written without parentheses */
    static const char *const niladic[] = {"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
                                          "LOCALTIMESTAMP", "LOCALTIME"};
    for (size_t i = 0; i < sizeof niladic / sizeof *niladic && !e->u.col.qualifier; i++)
        if (strcasecmp(e->u.col.name, niladic[i]) == 0) {
            diag_error(b->d, e->pos, "%s is not supported yet", niladic[i]);
            return;
        }
    int n = 0;
    const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(s->in->n_cols + 1));
    for (int i = 0; i < s->in->n_cols; i++)
        if (!s->hidden[i]) names[n++] = s->in->cols[i].name;
    const char *sug = diag_suggest(e->u.col.name, names, n);
    if (sug)
        diag_error(b->d, e->pos, "unknown column '%s' in '%s'; did you mean '%s'?", e->u.col.name,
                   scope_what(s), sug);
    else
        diag_error(b->d, e->pos, "unknown column '%s' in '%s'", e->u.col.name, scope_what(s));
}

BExpr *scope_column(Binder *b, Scope *s, const Expr *e)
{
    const char *qual = e->u.col.qualifier;
    if (qual && !scope_has_qual(s, qual)) {
        diag_error(b->d, e->pos, "unknown table '%s' (the query reads '%s')", qual, scope_qual(s));
        return NULL;
    }
    int i = scope_lookup(b, s, qual, e->u.col.name);
    if (i == -2) {
        diag_error(b->d, e->pos, "column '%s' is ambiguous; qualify it with its table",
                   e->u.col.name);
        return NULL;
    }
    if (i < 0) {
        scope_unknown(b, s, e);
        return NULL;
    }
    return bx_col(b, s->in, i, e->pos);
}
