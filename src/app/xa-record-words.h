/* xa-record-words.h — the words the bureau reads for the wire values of the records
 * (enumerations such as a compound's kind or a problem's status), in the user's language.
 * Each returns a static, translated string; "" (or NULL for no funding) for a value this
 * version does not know. Category names, which the records carry in both languages, are
 * chosen here too. */
#pragma once

#include <glib.h>

#include "xa-records.h"
#include "xa-store.h"

G_BEGIN_DECLS

const char *xa_record_words_kind           (XaCompoundKind     kind);
const char *xa_record_words_inspection     (XaInspectionResult result);
const char *xa_record_words_renewal        (XaRenewalStatus    status);
/* NULL when there is no funding. */
const char *xa_record_words_funding        (XaFundingSource    source);
const char *xa_record_words_problem_source (XaProblemSource    source);
const char *xa_record_words_problem_status (XaProblemStatus    status);
const char *xa_record_words_problem_tier   (XaProblemTier      tier);
const char *xa_record_words_yes_no         (gboolean           value);

/* A category's name in the user's language (the records carry both). */
const char *xa_record_words_category       (const XaCategory  *category);
/* Adds every category of @store to @names, code → name in the user's language (both
 * strings owned by @names). */
gboolean    xa_record_words_category_names (XaStore            *store,
                                            GHashTable         *names,
                                            GError            **error);

G_END_DECLS
