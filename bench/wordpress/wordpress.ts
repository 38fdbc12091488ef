/**
 * A real WordPress on a local port, as Debian ships it: the reference of the page-rate comparison
 * (bench/load/s10-page-rate.ts). Debian's packages `wordpress` (files in /usr/share/wordpress),
 * `php-fpm`, `php-mysql`, `php-cli` and `nginx`, and a MariaDB server (127.0.0.1:3306, root without
 * a password by default; MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD say otherwise).
 *
 *   npx tsx bench/wordpress/wordpress.ts [--port 8601]    serves it until Ctrl-C
 *
 * php-fpm and nginx run as fixtures here, each with a configuration, pid file and socket of its own
 * in a temporary directory, and are stopped by pid at the end, also on error or Ctrl-C. The
 * database `sesame_bench_wp` (and its user) is created afresh, installed by php-cli through
 * WordPress's own `wp_install()`, and dropped at the stop. External HTTP is blocked and WP-Cron is
 * off, so the figures hold offline and no request ever leaves the machine.
 *
 * One file lands outside the temporary directory: Debian's wp-config.php reads a site's settings only
 * from /etc/wordpress/config-<name>.php (README.Debian), so /etc/wordpress/config-sesame-bench-<port>.php
 * is a symlink to the temporary directory's settings, removed at the stop. This needs root (or write
 * access to /etc/wordpress).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORDPRESS = '/usr/share/wordpress';
const DATABASE = 'sesame_bench_wp';
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
/** php-fpm8.2 on Debian 12; whichever version is installed. */
const PHP_FPM = existsSync('/usr/sbin') ? readdirSync('/usr/sbin').find((f) => /^php-fpm\d+\.\d+$/.test(f)) : undefined;

export type WordPress = {
  base: string;
  /** The page measured: the real login form. */
  loginUrl: string;
  dir: string;
  /** The process groups of php-fpm and nginx (each group's id is its master's pid). */
  groups: number[];
  stop(): Promise<void>;
};

export type WordPressOptions = {
  port: number;
  /** php-fpm's workers (pm = static). Default: two per core, enough to keep the cores busy while one waits on MariaDB. */
  workers?: number;
  log?: (message: string) => void;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The first free port from `from` to `to` on 127.0.0.1. */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from} to ${to}`);
}

function mysql(sql: string) {
  const env = { ...process.env, MYSQL_PWD: process.env.MYSQL_PASSWORD ?? '' };
  const args = ['-h', process.env.MYSQL_HOST ?? '127.0.0.1', '-P', process.env.MYSQL_PORT ?? '3306', '-u', process.env.MYSQL_USER ?? 'root', '-e', sql];
  const result = spawnSync('mysql', args, { encoding: 'utf8', env });
  if (result.error) throw new Error(`mysql: ${result.error.message} (install mariadb-client)`);
  if (result.status !== 0) throw new Error(`mysql: ${result.stderr.trim()}`);
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15).join('\n') : '(no log)');

export async function startWordPress(options: WordPressOptions): Promise<WordPress> {
  const say = options.log ?? (() => {});
  const missing = [
    !existsSync(`${WORDPRESS}/wp-login.php`) && 'wordpress',
    !PHP_FPM && 'php-fpm',
    !NGINX && 'nginx',
    spawnSync('php', ['-r', 'exit(function_exists("mysqli_connect") ? 0 : 1);']).status !== 0 && 'php-cli php-mysql',
  ].filter(Boolean);
  if (missing.length) throw new Error(`WordPress reference: missing Debian packages: apt-get install ${missing.join(' ')}`);

  const { port } = options;
  const base = `http://127.0.0.1:${port}`;
  const name = `sesame-bench-${port}`;
  const debianConfig = `/etc/wordpress/config-${name}.php`;
  // php-fpm's workers run as www-data when we are root: the directory must be readable by them.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-wp-'));
  chmodSync(dir, 0o755);
  const pids: number[] = [];
  let databaseMade = false;

  /** Everything this start made, undone; synchronous so that it also runs from process.on('exit'). */
  const cleanUpNow = () => {
    for (const pid of pids.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(debianConfig, { force: true });
    if (databaseMade) {
      databaseMade = false;
      try {
        mysql(`DROP DATABASE IF EXISTS ${DATABASE}; DROP USER IF EXISTS '${DATABASE}'@'%';`);
      } catch {
        // MariaDB gone: nothing to drop from.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUpNow);

  /** A fixture in its own process group (its pid is the group id), its output in `log`. */
  const launch = (command: string, args: string[], log: string) => {
    const fd = openSync(path.join(dir, log), 'a');
    const child = spawn(command, args, { cwd: dir, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    pids.push(child.pid);
    return child;
  };

  async function stop() {
    // A graceful stop first (nginx and php-fpm both end their workers on SIGTERM), then whatever is left.
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await sleep(500);
    cleanUpNow();
    process.removeListener('exit', cleanUpNow);
  }

  try {
    const password = randomBytes(18).toString('base64url');
    mysql(
      `DROP DATABASE IF EXISTS ${DATABASE}; CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; ` +
        `CREATE USER IF NOT EXISTS '${DATABASE}'@'%'; ALTER USER '${DATABASE}'@'%' IDENTIFIED BY '${password}'; ` +
        `GRANT ALL PRIVILEGES ON ${DATABASE}.* TO '${DATABASE}'@'%';`,
    );
    databaseMade = true;

    // The site's settings, read by Debian's /usr/share/wordpress/wp-config.php; everything else keeps
    // Debian's defaults (ABSPATH, WP_CONTENT_DIR in /var/lib/wordpress, English).
    const salt = () => randomBytes(32).toString('base64url');
    const settings = [
      `define('DB_NAME', '${DATABASE}');`,
      `define('DB_USER', '${DATABASE}');`,
      `define('DB_PASSWORD', '${password}');`,
      `define('DB_HOST', '${process.env.MYSQL_HOST ?? '127.0.0.1'}:${process.env.MYSQL_PORT ?? '3306'}');`,
      `define('WP_HOME', '${base}');`,
      `define('WP_SITEURL', '${base}');`,
      // Offline and quiet: no update checks, no pings, no cron run on a page view.
      `define('WP_HTTP_BLOCK_EXTERNAL', true);`,
      `define('DISABLE_WP_CRON', true);`,
      `define('AUTOMATIC_UPDATER_DISABLED', true);`,
      ...['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define('${k}', '${salt()}');`),
    ];
    writeFileSync(path.join(dir, 'settings.php'), `<?php\n${settings.join('\n')}\n`, { mode: 0o644 });
    rmSync(debianConfig, { force: true });
    symlinkSync(path.join(dir, 'settings.php'), debianConfig);

    // Installed the way the web installer does it, by WordPress's own wp_install(), without a browser.
    writeFileSync(
      path.join(dir, 'install.php'),
      `<?php
define('WP_INSTALLING', true);
require '${WORDPRESS}/wp-load.php';
// No "your new site" email: there is nothing to send it with, and nobody to read it.
function wp_new_blog_notification() {}
require ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Sesame bench reference', 'admin', 'admin@example.org', false, '', getenv('WP_ADMIN_PASSWORD'));
echo is_wp_error($r) ? 'error' : 'installed', "\\n";
`,
    );
    // Debian's wp-config.php finds the site by WORDPRESS_CONFIG, read from $_SERVER (the environment, on the command line).
    const install = spawnSync('php', [path.join(dir, 'install.php')], {
      encoding: 'utf8',
      env: { ...process.env, WORDPRESS_CONFIG: name, HTTP_HOST: `127.0.0.1:${port}`, WP_ADMIN_PASSWORD: randomBytes(18).toString('base64url') },
    });
    if (install.status !== 0 || !install.stdout.includes('installed')) throw new Error(`wp_install failed: ${install.stdout}${install.stderr}`.trim());
    say(`WordPress installed in ${DATABASE}`);

    // php-fpm: Debian's php.ini and conf.d (opcache on), a pool of our own.
    const workers = options.workers ?? 2 * os.availableParallelism();
    writeFileSync(
      path.join(dir, 'php-fpm.conf'),
      `[global]
pid = ${dir}/php-fpm.pid
error_log = ${dir}/php-fpm.log
daemonize = no

[wordpress]
; Ignored (with a notice) when not started as root.
user = www-data
group = www-data
listen = ${dir}/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = ${workers}
`,
    );
    const fpm = launch(`/usr/sbin/${PHP_FPM}`, ['--nodaemonize', '-y', path.join(dir, 'php-fpm.conf'), '-p', dir], 'php-fpm.out');

    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log ${dir}/nginx-access.log;
  client_body_temp_path ${dir}/client_body;
  fastcgi_temp_path ${dir}/fastcgi;
  proxy_temp_path ${dir}/proxy;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${WORDPRESS};
    index index.php;
    # Debian keeps wp-content in /var/lib/wordpress (its Apache example aliases it the same way).
    location /wp-content/ { root /var/lib/wordpress; }
    location / { try_files $uri $uri/ /index.php?$args; }
    location ~ \\.php$ {
      try_files $uri =404;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param WORDPRESS_CONFIG ${name};
      fastcgi_pass unix:${dir}/php-fpm.sock;
    }
  }
}
`,
    );
    const nginx = launch(NGINX!, ['-e', `${dir}/nginx-error.log`, '-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`], 'nginx.out');

    // Ready when wp-login.php answers 200 with the login form.
    const loginUrl = `${base}/wp-login.php`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const [child, log] of [[fpm, 'php-fpm.log'], [nginx, 'nginx-error.log']] as const) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${log.split('.')[0]} stopped:\n${tail(path.join(dir, log))}`);
      }
      const answer = await fetch(loginUrl).then(async (r) => ({ status: r.status, body: await r.text() }), () => null);
      if (answer?.status === 200 && answer.body.includes('name="loginform"')) break;
      if (Date.now() > deadline) throw new Error(`${loginUrl} answered ${answer ? `${answer.status}: ${answer.body.slice(0, 300)}` : 'nothing'} within 30 s\n${tail(path.join(dir, 'php-fpm.log'))}`);
      await sleep(250);
    }
    say(`WordPress serves ${loginUrl} (php-fpm ${workers} workers, nginx, files in ${dir})`);
    return { base, loginUrl, dir, groups: [fpm.pid!, nginx.pid!], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Run directly: serve it until Ctrl-C.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : await freePortIn(8600, 8699);
  const wordpress = await startWordPress({ port, log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${wordpress.loginUrl}\n(Ctrl-C stops php-fpm and nginx and drops the database)\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void wordpress.stop().then(() => process.exit(0)));
  }
}
