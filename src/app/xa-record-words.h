/* xa-record-words.h — the words the bureau reads for the wire values of the records
 * (enumerations such as a compound's kind or a problem's status), in the user's language.
 * Each returns a static, translated string; "" (or NULL for no funding) for a value this
 * version does not know. */
#pragma once

#include <glib.h>

#include "xa-records.h"

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

G_END_DECLS
