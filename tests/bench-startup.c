/* bench-startup.c — cold start of the app on the demo city: the time from spawning the
 * process to its first painted frame of the map with all 3,490 compounds, and the
 * process's peak RSS. The store is synced once over HTTP from a real demo server; what is
 * spawned is bench-startup-app, the app as src/app/main.c starts it, which prints
 * "first-frame" once the map page is painted and quits. Figures print one a line,
 * `name value unit`, beside the goals of issue 3 (< 0.5 s, < 150 MB).
 * Run: meson test -C _build --benchmark --verbose */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xa-test-util.h"

extern char **environ;

#define RUNS 5

typedef struct
{
  double seconds;   /* spawn → "first-frame" on stdout */
  double rss_mib;   /* the child's peak resident set */
} StartRun;

static gboolean
start_once (const char *atlas,
            const char *store,
            char      **envp,
            StartRun   *out)
{
  int pipe_fds[2];
  posix_spawn_file_actions_t actions;
  char *argv[] = { (char *) atlas, (char *) "--store", (char *) store, NULL };
  struct rusage usage;
  char buffer[256];
  GString *output = g_string_new (NULL);
  gint64 start;
  gboolean seen = FALSE;
  pid_t pid;
  int status;

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose (&actions, pipe_fds[0]);

  start = g_get_monotonic_time ();
  g_assert_cmpint (posix_spawn (&pid, atlas, &actions, NULL, argv, envp), ==, 0);
  posix_spawn_file_actions_destroy (&actions);
  close (pipe_fds[1]);

  for (;;)
    {
      ssize_t n = read (pipe_fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (output, buffer, n);
      if (!seen && strstr (output->str, "first-frame\n") != NULL)
        {
          out->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
          seen = TRUE;
        }
    }
  close (pipe_fds[0]);

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  out->rss_mib = usage.ru_maxrss / 1024.0;   /* ru_maxrss is in KiB on Linux */
  if (!seen || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_printerr ("xiaoqu-atlas did not report its first frame (status %d): %s\n", status,
                output->str);
  g_string_free (output, TRUE);
  return seen;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store = NULL;
  g_autofree char *keyfile_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_auto(GStrv) envp = NULL;
  const char *atlas = g_getenv ("XA_BENCH_STARTUP_APP");

  xa_test_init (&argc, &argv);
  g_assert_nonnull (atlas);

  store = xa_test_sync_demo ("records.db", NULL, NULL);

  /* Settings as a user who chose no basemap would have them: no tile is fetched, so the
   * figure is the app's own start-up, not the network's. */
  keyfile_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_mkdir_with_parents (keyfile_dir, 0700);
  keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/xiaoquatlas/XiaoquAtlas]\n"
                                      "basemap='none'\n", -1, NULL));
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_unsetenv (envp, "G_DEBUG");

  /* Twice: with the renderer the app picks (src/app/main.c: cairo when there is no GPU,
   * as here), and with GTK's GL renderer, which here is Mesa's llvmpipe, GL in software. */
  for (guint r = 0; r < 2; r++)
    {
      const char *renderer = r == 0 ? NULL : "gl";
      g_auto(GStrv) run_env = g_strdupv (envp);
      double seconds[RUNS], peak_rss = 0;
      guint ok_runs = 0;
      StartRun warm;

      if (renderer != NULL)
        run_env = g_environ_setenv (run_env, "GSK_RENDERER", renderer, TRUE);
      else
        run_env = g_environ_unsetenv (run_env, "GSK_RENDERER");

      /* One run to warm the page cache, as a second start of the day would find it. */
      start_once (atlas, store, run_env, &warm);
      for (guint i = 0; i < RUNS; i++)
        {
          StartRun run;

          if (!start_once (atlas, store, run_env, &run))
            continue;
          seconds[ok_runs++] = run.seconds;
          peak_rss = MAX (peak_rss, run.rss_mib);
        }
      g_assert_cmpuint (ok_runs, ==, RUNS);
      qsort (seconds, ok_runs, sizeof (double), xa_test_compare_doubles);

      g_print ("# cold start of xiaoqu-atlas on the demo city (3,490 compounds), renderer %s, "
               "median of %u runs\n", renderer != NULL ? renderer : "the app's choice", RUNS);
      g_print ("cold_start_first_frame_%s %.3f s (goal < 0.5 s; min %.3f, max %.3f)\n",
               renderer != NULL ? renderer : "app", seconds[ok_runs / 2], seconds[0],
               seconds[ok_runs - 1]);
      g_print ("app_peak_rss_%s %.1f MiB (goal < 150 MB = %.1f MiB)\n",
               renderer != NULL ? renderer : "app", peak_rss, 150e6 / (1024.0 * 1024.0));
    }
  return 0;
}
