/* xa-varargs.h — the text of a printf-style variadic function's own arguments, formatted in
 * one place for the core, the server and the tests: each error or query helper that takes a
 * format and its arguments used to spell out va_start, g_strdup_vprintf and va_end itself. */
#pragma once

#include <stdarg.h>

#include <glib.h>

G_BEGIN_DECLS

/* A new string (free it) of @format, the last named parameter of the calling variadic
 * function, with the arguments that follow it. A GNU statement expression, because
 * va_start() can only stand in the body of the function whose arguments it reads. */
#define XA_STRDUP_VARARGS(format)                         \
  ({                                                      \
    va_list xa_varargs_args_;                             \
    char *xa_varargs_text_;                               \
                                                          \
    va_start (xa_varargs_args_, format);                  \
    xa_varargs_text_ = g_strdup_vprintf (format, xa_varargs_args_); \
    va_end (xa_varargs_args_);                            \
    xa_varargs_text_;                                     \
  })

G_END_DECLS
