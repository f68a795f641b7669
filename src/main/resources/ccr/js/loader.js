// ccr script runtime, part 1 of 6: the CommonJS loader.
//
// Node's module rules, as plugins in the wild rely on them: relative paths, node_modules next to the script and in
// every parent folder, package.json "main" and simple "exports", .js/.cjs/.json files, a cache per resolved file,
// module.exports cycles. Core modules come from the registry `rt.builtins`, filled by node.js; the vendored npm
// polyfills live on the classpath under ccr/js/node_modules and are read through the host with paths "ccr:/...".
// Modules ccr does not provide fail with an error that names the module (code CCR_UNSUPPORTED_MODULE).
(function (host, rt) {
    'use strict';

    const VENDOR_ROOT = 'ccr:/node_modules';

    // Node core modules ccr does not provide, with what to use instead.
    const UNSUPPORTED = {
        cluster: 'ccr runs no processes for plugins',
        worker_threads: 'ccr runs no threads for plugins',
        http2: 'use fetch() for outgoing calls',
        net: 'use fetch() for outgoing calls',
        tls: 'use fetch() for outgoing calls',
        dgram: 'no sockets for plugins',
        dns: 'no DNS access for plugins',
        vm: 'no nested contexts',
        v8: 'not a V8 engine',
        inspector: 'no inspector',
        module: 'no access to the loader',
        repl: 'no terminal for plugins',
        zlib: 'not provided',
        'claude-code-router': 'ccr is not the claude-code-router npm package; use the plugin API (docs/plugins.md)',
        '@musistudio/llms': 'ccr is not the @musistudio/llms npm package; use the plugin API (docs/plugins.md)',
    };

    rt.builtins = Object.create(null);      // name -> () => exports (created on first require)
    const builtinCache = Object.create(null);
    const moduleCache = new Map();          // resolved file -> module

    function unsupported(name) {
        const err = new Error(`Cannot load module '${name}': ccr does not provide it (${UNSUPPORTED[name]})`);
        err.code = 'CCR_UNSUPPORTED_MODULE';
        err.moduleName = name;
        return err;
    }

    function notFound(request, from) {
        const err = new Error(`Cannot find module '${request}' from '${from}'`);
        err.code = 'MODULE_NOT_FOUND';
        err.moduleName = request;
        return err;
    }

    function builtin(name) {
        if (!(name in builtinCache)) {
            builtinCache[name] = rt.builtins[name]();
        }
        return builtinCache[name];
    }

    // ---------------------------------------------------------------- paths

    function dirname(p) {
        const i = p.lastIndexOf('/');
        return i <= 0 ? (p.startsWith('ccr:') ? p : '/') : p.slice(0, i);
    }

    function join(base, rel) {
        const parts = base.split('/');
        for (const part of rel.split('/')) {
            if (part === '..') {
                if (parts.length > 1 && !(parts.length === 2 && parts[0].endsWith(':'))) parts.pop();
            } else if (part !== '.' && part !== '') {
                parts.push(part);
            }
        }
        const joined = parts.join('/');
        return joined === '' ? '/' : joined;
    }

    function isFile(p) {
        return host.fileKind(p) === 'file';
    }

    function readJson(p) {
        return JSON.parse(host.readText(p));
    }

    function packageEntry(dir, pkg, subpath) {
        const exp = pkg.exports;
        if (exp !== undefined && exp !== null) {
            const key = subpath ? './' + subpath : '.';
            let target = typeof exp === 'string' || Array.isArray(exp) || !Object.keys(exp).some(k => k.startsWith('.'))
                ? (key === '.' ? exp : undefined)
                : exp[key];
            for (let depth = 0; target && typeof target === 'object' && depth < 5; depth++) {
                target = Array.isArray(target) ? target[0] : (target.require ?? target.node ?? target.default);
            }
            if (typeof target === 'string') return join(dir, target);
        }
        return subpath ? join(dir, subpath) : (pkg.main ? join(dir, pkg.main) : null);
    }

    function asFile(p) {
        for (const candidate of [p, p + '.js', p + '.cjs', p + '.json']) {
            if (isFile(candidate)) return candidate;
        }
        return null;
    }

    function asDirectory(p) {
        const pkgFile = p + '/package.json';
        if (isFile(pkgFile)) {
            const entry = packageEntry(p, readJson(pkgFile), '');
            if (entry) {
                const found = asFile(entry) ?? asFile(entry + '/index');
                if (found) return found;
            }
        }
        return asFile(p + '/index');
    }

    function resolveFile(p) {
        return asFile(p) ?? asDirectory(p);
    }

    function resolvePackage(request, fromDir) {
        const segments = request.split('/');
        const nameLength = request.startsWith('@') ? 2 : 1;
        const name = segments.slice(0, nameLength).join('/');
        const subpath = segments.slice(nameLength).join('/');
        const roots = [];
        for (let dir = fromDir; ; dir = dirname(dir)) {
            if (!dir.endsWith('/node_modules')) roots.push(join(dir, 'node_modules'));
            if (dir === '/' || dir.startsWith('ccr:') && dir.indexOf('/') < 0 || dirname(dir) === dir) break;
        }
        roots.push(VENDOR_ROOT);
        for (const root of roots) {
            const dir = join(root, name);
            const pkgFile = dir + '/package.json';
            if (isFile(pkgFile)) {
                const entry = packageEntry(dir, readJson(pkgFile), subpath);
                const found = entry && (asFile(entry) ?? asDirectory(entry));
                if (found) return found;
            }
            const plain = resolveFile(subpath ? join(dir, subpath) : dir);
            if (plain) return plain;
        }
        return null;
    }

    function builtinName(request) {
        const name = request.startsWith('node:') ? request.slice(5) : request;
        if (name in rt.builtins) return name;
        if (name in UNSUPPORTED) throw unsupported(name);
        return request.startsWith('node:') ? (() => { throw notFound(request, 'node core'); })() : null;
    }

    // ---------------------------------------------------------------- loading

    function load(request, fromDir, fromFile) {
        if (typeof request !== 'string' || request === '') {
            throw new TypeError('The "id" argument must be a non-empty string');
        }
        const relative = request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..';
        if (!relative && !request.startsWith('/')) {
            const name = builtinName(request);
            if (name !== null) return builtin(name);
        }
        const file = relative ? resolveFile(join(fromDir, request))
            : request.startsWith('/') ? resolveFile(request)
                : resolvePackage(request, fromDir);
        if (file === null) {
            // 'process/', 'string_decoder/': npm's copy of a core module, asked for by name; the core module serves.
            if (request.endsWith('/') && request.slice(0, -1) in rt.builtins) return builtin(request.slice(0, -1));
            if (!relative && request.split('/')[0] in UNSUPPORTED) throw unsupported(request.split('/')[0]);
            throw notFound(request, fromFile);
        }
        return loadFile(file).exports;
    }

    function loadFile(file) {
        const cached = moduleCache.get(file);
        if (cached) return cached;
        const module = { id: file, filename: file, loaded: false, exports: {}, children: [], paths: [] };
        moduleCache.set(file, module);
        try {
            if (file.endsWith('.json')) {
                module.exports = readJson(file);
            } else {
                const dir = dirname(file);
                const fn = host.compile(file);
                module.require = makeRequire(dir, file);
                fn.call(module.exports, module.exports, module.require, module, file, dir);
            }
            module.loaded = true;
            return module;
        } catch (e) {
            moduleCache.delete(file);
            throw e;
        }
    }

    function makeRequire(dir, file) {
        const require = request => load(request, dir, file);
        require.resolve = request => {
            const name = builtinName(request);
            if (name !== null) return request;
            const found = request.startsWith('.') ? resolveFile(join(dir, request)) : request.startsWith('/') ? resolveFile(request) : resolvePackage(request, dir);
            if (found === null) throw notFound(request, file);
            return found;
        };
        require.cache = {};
        require.main = undefined;
        return require;
    }

    rt.requireBuiltin = builtin;

    /** Loads a user script (a custom router or a plugin) by absolute path; returns its module.exports. */
    rt.requireScript = path => loadFile(resolveFile(path) ?? (() => { throw notFound(path, 'config'); })()).exports;

    /**
     * Evaluates a user script again from its file (it changed on disk); returns the new module.exports. If the new
     * text fails, the module loaded before stays cached and the error is thrown.
     */
    rt.reloadScript = path => {
        const file = resolveFile(path) ?? (() => { throw notFound(path, 'config'); })();
        const before = moduleCache.get(file);
        moduleCache.delete(file);
        try {
            return loadFile(file).exports;
        } catch (e) {
            if (before) moduleCache.set(file, before);
            throw e;
        }
    };

    /** Loads a vendored npm package by name, for the runtime's own polyfills. */
    rt.vendor = name => {
        const file = resolvePackage(name, VENDOR_ROOT);
        if (file === null) throw notFound(name, 'ccr runtime');
        return loadFile(file).exports;
    };

    rt.isUnsupportedModuleError = e => e && e.code === 'CCR_UNSUPPORTED_MODULE';
})
