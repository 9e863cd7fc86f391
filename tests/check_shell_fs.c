/* check_shell_fs.c - an instance's filesystem and the emptyDir volumes mounted in it.
 *
 * The rules come from pkg/volume/emptydir/empty_dir.go and makeMounts in
 * pkg/kubelet/kubelet_pods.go: a volume is one directory shared by every
 * container that mounts it, at its mountPath (its subPath directory when the
 * mount gives one, created if missing), and it outlives the containers.
 */
#include "shell.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Run script to completion as a main process in fs; returns its output. */
static char *run(shell_fs *fs, const char *script)
{
	static char buf[512];
	shell_script *s = shell_parse(script, SHELL_MAIN, "", NULL, NULL);
	shell_out out;
	shell_out_init(&out);
	shell_run *r = shell_run_start(s, fs, &out, 0, 0);
	ck_assert(shell_run_done(r, NULL, NULL));
	shell_out_join(&out, buf, sizeof(buf));
	shell_run_free(r);
	shell_out_release(&out);
	shell_script_free(s);
	return buf;
}

/* A sidecar writes, the main container reads: one directory, two mountPaths. */
START_TEST(test_shared_between_containers)
{
	shell_fs *vol = shell_fs_new_volume();
	shell_fs *side = shell_fs_new(), *app = shell_fs_new();
	shell_fs_mount(side, "/shared/", vol, NULL);
	shell_fs_mount(app, "/data", vol, "");
	run(side, "echo hello > /shared/msg; mkdir -p /shared/d/e; echo private > /tmp/p");
	ck_assert_str_eq(run(app, "cat /data/msg; ls /data; ls /data/d; cat /tmp/p"),
			 "hello\nd\nmsg\ne\ncat: can't open '/tmp/p': No such file or directory");
	/* the app's changes are the sidecar's too, at once */
	run(app, "cd /data; rm msg; echo more >> d/e/f");
	ck_assert_int_eq(shell_fs_stat(side, "/shared/msg"), SHELL_FS_NONE);
	size_t len;
	const char *data = shell_fs_read(side, "/shared/d/e/f", &len);
	ck_assert_int_eq(len, 5);
	ck_assert(!memcmp(data, "more\n", 5));
	shell_fs_free(side);
	shell_fs_free(app);
	shell_fs_free(vol);
}
END_TEST

/* A volume outlives the instances that mounted it (a container restart). */
START_TEST(test_survives_restart)
{
	shell_fs *vol = shell_fs_new_volume();
	for (int run_no = 1; run_no <= 3; run_no++) {
		shell_fs *fs = shell_fs_new();
		shell_fs_mount(fs, "/data", vol, NULL);
		char *out = run(fs, "echo x >> /data/n; echo x >> /tmp/n; cat /data/n /tmp/n");
		ck_assert_int_eq((int)strlen(out), 2 * (run_no + 1) - 1); /* run_no + 1 lines */
		shell_fs_free(fs);
	}
	shell_fs_free(vol);
}
END_TEST

/* subPath: the mount shows that directory of the volume, made if missing;
 * the longest mountPath wins; what the image had under a mountPath is hidden. */
START_TEST(test_subpath_and_shadowing)
{
	shell_fs *vol = shell_fs_new_volume();
	shell_fs *fs = shell_fs_new();
	run(fs, "echo image > /etc/conf/old");
	shell_fs_mount(fs, "/etc/conf", vol, "a/b");
	shell_fs_mount(fs, "/all", vol, NULL);
	ck_assert_str_eq(run(fs, "ls /etc/conf; echo ok > /etc/conf/new; ls /all/a/b; ls /etc"),
			 "new\nconf");
	ck_assert_int_eq(shell_fs_stat(fs, "/etc/conf/old"), SHELL_FS_NONE);
	ck_assert_int_eq(shell_fs_stat(fs, "/all/a/b/new"), SHELL_FS_FILE);
	ck_assert_int_eq(shell_fs_stat(fs, "/all/a"), SHELL_FS_DIR);
	shell_fs_free(fs);
	shell_fs_free(vol);
}
END_TEST

/* shell_fs_read makes the path absolute and normalised (MakeAbsolutePath). */
START_TEST(test_read_path)
{
	shell_fs *fs = shell_fs_new();
	size_t len = 9;
	ck_assert_ptr_null(shell_fs_read(fs, "/dev/termination-log", &len));
	ck_assert_int_eq(len, 0);
	run(fs, "touch /dev/termination-log; printf DONE > /tmp/x/msg");
	ck_assert_str_eq(shell_fs_read(fs, "/dev/termination-log", &len), "");
	ck_assert(!memcmp(shell_fs_read(fs, "tmp/./x//msg", &len), "DONE", 4));
	ck_assert_int_eq(len, 4);
	ck_assert_ptr_null(shell_fs_read(fs, "/tmp", &len));
	shell_fs_free(fs);
}
END_TEST

Suite *shell_fs_suite(void)
{
	Suite *s = suite_create("shell_fs");
	TCase *tc = tcase_create("volumes");
	tcase_add_test(tc, test_shared_between_containers);
	tcase_add_test(tc, test_survives_restart);
	tcase_add_test(tc, test_subpath_and_shadowing);
	tcase_add_test(tc, test_read_path);
	suite_add_tcase(s, tc);
	return s;
}
