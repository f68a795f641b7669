// ccr script runtime, part 2 of 6: the globals Node and browsers give every script.
//
// console, timers, queueMicrotask, process, Buffer, structuredClone, AbortController, DOMException, Event,
// EventTarget, the WHATWG streams, URL and URLSearchParams. The polyfilled ones are defined as lazy getters, so a
// script that never touches them never pays for loading them. GraalJS's own TextEncoder, TextDecoder and
// performance are kept; its Java and Polyglot globals are removed.
(function (host, rt) {
    'use strict';
    const settings = rt.settings;

    for (const name of ['Java', 'Packages', 'Polyglot', 'Graal', 'print', 'printErr', 'load', 'loadWithNewGlobal', 'quit', 'read', 'readbuffer']) {
        delete globalThis[name];
    }
    globalThis.global = globalThis;
    globalThis.self = globalThis;

    function lazyGlobal(name, make) {
        Object.defineProperty(globalThis, name, {
            configurable: true,
            enumerable: false,
            get() {
                // Absent while it loads, so a polyfill that feature-tests the global uses its own code.
                Object.defineProperty(globalThis, name, { value: undefined, writable: true, configurable: true, enumerable: false });
                const value = make();
                if (value === undefined) {
                    // Asked for while its own polyfill loads (AbortSignal while AbortController's file runs): stay lazy.
                    lazyGlobal(name, make);
                    return undefined;
                }
                Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
                return value;
            },
            set(value) {
                Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
            },
        });
    }
    rt.lazyGlobal = lazyGlobal;

    // ---------------------------------------------------------------- formatting (console, util.format)

    /** Node-like rendering: strings bare at the top and quoted inside objects. */
    function inspect(value, depth = 2, seen = new Set(), nested = false) {
        switch (typeof value) {
            case 'string': return nested ? "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'" : value;
            case 'function': return `[Function: ${value.name || 'anonymous'}]`;
            case 'symbol': return value.toString();
            case 'bigint': return value + 'n';
            case 'undefined': return 'undefined';
            case 'object': break;
            default: return String(value);
        }
        if (value === null) return 'null';
        if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
        if (seen.has(value)) return '[Circular]';
        if (depth < 0) return Array.isArray(value) ? '[Array]' : '[Object]';
        seen.add(value);
        try {
            if (Array.isArray(value)) return '[ ' + value.map(v => inspect(v, depth - 1, seen, true)).join(', ') + ' ]';
            if (value instanceof Map) return `Map(${value.size}) { ` + [...value].map(([k, v]) => `${inspect(k, depth - 1, seen, true)} => ${inspect(v, depth - 1, seen, true)}`).join(', ') + ' }';
            if (value instanceof Set) return `Set(${value.size}) { ` + [...value].map(v => inspect(v, depth - 1, seen, true)).join(', ') + ' }';
            if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length}) [ ${Array.from(value.slice(0, 50)).join(', ')}${value.length > 50 ? ', ...' : ''} ]`;
            const keys = Object.keys(value);
            const name = value.constructor && value.constructor !== Object ? value.constructor.name + ' ' : '';
            if (keys.length === 0) return name + '{}';
            return name + '{ ' + keys.map(k => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(value[k], depth - 1, seen, true)}`).join(', ') + ' }';
        } finally {
            seen.delete(value);
        }
    }

    function format(...args) {
        if (args.length === 0) return '';
        let first = args[0];
        let rest = 1;
        let out;
        if (typeof first === 'string') {
            out = first.replace(/%[sdifjoOc%]/g, token => {
                if (token === '%%') return '%';
                if (rest >= args.length) return token;
                const arg = args[rest++];
                switch (token) {
                    case '%s': return typeof arg === 'string' ? arg : inspect(arg, 1);
                    case '%d': case '%i': return typeof arg === 'bigint' ? arg + 'n' : String(token === '%i' ? parseInt(arg) : Number(arg));
                    case '%f': return String(parseFloat(arg));
                    case '%j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
                    case '%c': return '';
                    default: return inspect(arg, 4);
                }
            });
        } else {
            out = inspect(first, 2);
        }
        for (; rest < args.length; rest++) {
            out += ' ' + (typeof args[rest] === 'string' ? args[rest] : inspect(args[rest], 2));
        }
        return out;
    }
    rt.inspect = inspect;
    rt.format = format;

    // ---------------------------------------------------------------- console and loggers

    /** The script file a log call came from, by the first stack frame outside ccr's runtime. */
    function callerFile() {
        const stack = new Error().stack || '';
        for (const line of stack.split('\n').slice(1)) {
            const m = /(?:\(|at )((?:\/|[A-Za-z]:\\)[^():]+):\d+(?::\d+)?\)?\s*$/.exec(line);
            if (m) return m[1];
        }
        return 'script';
    }

    function shortName(file) {
        return file.slice(file.lastIndexOf('/') + 1);
    }

    const log = (level, args) => host.log(level, shortName(callerFile()), format(...args));
    const counts = new Map();
    const timersByLabel = new Map();
    globalThis.console = {
        log: (...a) => log('info', a),
        info: (...a) => log('info', a),
        debug: (...a) => log('debug', a),
        trace: (...a) => log('debug', a),
        warn: (...a) => log('warn', a),
        error: (...a) => log('error', a),
        dir: (o) => log('info', [inspect(o, 2)]),
        table: (o) => log('info', [inspect(o, 2)]),
        assert: (cond, ...a) => { if (!cond) log('error', ['Assertion failed', ...a]); },
        count: (label = 'default') => { counts.set(label, (counts.get(label) || 0) + 1); log('info', [`${label}: ${counts.get(label)}`]); },
        countReset: (label = 'default') => counts.delete(label),
        time: (label = 'default') => timersByLabel.set(label, performance.now()),
        timeEnd: (label = 'default') => { const t = timersByLabel.get(label); timersByLabel.delete(label); if (t !== undefined) log('info', [`${label}: ${(performance.now() - t).toFixed(3)}ms`]); },
        timeLog: (label = 'default', ...a) => { const t = timersByLabel.get(label); if (t !== undefined) log('info', [`${label}: ${(performance.now() - t).toFixed(3)}ms`, ...a]); },
        group: () => {}, groupEnd: () => {}, groupCollapsed: () => {},
    };

    /** A pino-style logger (CCR's this.logger and req.log): level(obj?, msg?, ...args). */
    rt.logger = function logger(name, bindings) {
        const emit = level => (...args) => {
            let extra = '';
            if (args.length > 0 && args[0] !== null && typeof args[0] === 'object') {
                const obj = args.shift();
                extra = obj instanceof Error ? (obj.stack || String(obj)) : inspect(obj, 3);
            }
            let text = args.length > 0 ? format(...args) : '';
            if (extra) text = text ? text + ' ' + extra : extra;
            host.log(level, name, bindings ? text + ' ' + inspect(bindings, 2) : text);
        };
        return {
            trace: emit('trace'), debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'), fatal: emit('error'),
            silent: () => {}, level: 'info',
            child: more => logger(name, Object.assign({}, bindings, more)),
            isLevelEnabled: () => true,
        };
    };

    // ---------------------------------------------------------------- timers

    const timers = new Map();
    let nextTimerId = 1;

    class Timeout {
        constructor(id, repeat) { this._id = id; this._repeat = repeat; this._ref = true; }
        ref() { this._ref = true; return this; }
        unref() { this._ref = false; return this; }
        hasRef() { return this._ref; }
        refresh() { const t = timers.get(this._id); if (t) { host.clearTimer(this._id); host.setTimer(this._id, t.ms); } return this; }
        close() { clearTimeout(this); return this; }
        [Symbol.toPrimitive]() { return this._id; }
    }

    function schedule(fn, ms, args, repeat) {
        if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
        const id = nextTimerId++;
        const delay = Math.max(repeat ? 1 : 0, Math.min(Number(ms) || 0, 2147483647));
        timers.set(id, { fn, args, ms: delay, repeat });
        host.setTimer(id, delay);
        return new Timeout(id, repeat);
    }

    function clearTimeout(t) {
        const id = t !== null && typeof t === 'object' ? t._id : Number(t);
        if (timers.delete(id)) host.clearTimer(id);
    }

    globalThis.setTimeout = (fn, ms, ...args) => schedule(fn, ms, args, false);
    globalThis.setInterval = (fn, ms, ...args) => schedule(fn, ms, args, true);
    globalThis.setImmediate = (fn, ...args) => schedule(fn, 0, args, false);
    // util.promisify(setTimeout) gives Node's promise form (ms, value), as in Node.
    const promisified = Symbol.for('nodejs.util.promisify.custom');
    globalThis.setTimeout[promisified] = (ms, value) => new Promise(resolve => schedule(resolve, ms, [value], false));
    globalThis.setImmediate[promisified] = value => new Promise(resolve => schedule(resolve, 0, [value], false));
    globalThis.clearTimeout = clearTimeout;
    globalThis.clearInterval = clearTimeout;
    globalThis.clearImmediate = clearTimeout;
    globalThis.queueMicrotask = fn => {
        if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
        Promise.resolve().then(fn).catch(e => rt.reportUncaught(e));
    };

    rt.fireTimer = id => {
        const t = timers.get(id);
        if (!t) return;
        if (t.repeat) host.setTimer(id, t.ms); else timers.delete(id);
        try {
            t.fn(...t.args);
        } catch (e) {
            rt.reportUncaught(e);
        }
    };

    rt.reportUncaught = e => host.log('error', 'script', 'Uncaught error in a script callback: ' + (e && e.stack || String(e)));

    // ---------------------------------------------------------------- process

    const env = Object.assign({}, settings.env);
    // CCR copies the config's top-level keys into process.env at start (spec §3.6); values become strings as in Node.
    for (const [key, value] of Object.entries(settings.config)) {
        env[key] = value !== null && typeof value === 'object' ? (Array.isArray(value) ? String(value) : '[object Object]') : String(value);
    }
    const started = performance.now();
    const listeners = new Map();
    const processObject = {
        env,
        platform: settings.os.platform,
        arch: settings.os.arch,
        version: 'v20.19.0',
        versions: { node: '20.19.0', ccr: settings.version },
        release: { name: 'node', ccr: true },
        pid: settings.pid,
        ppid: 0,
        title: 'ccr',
        argv: ['node', 'ccr'],
        execArgv: [],
        execPath: 'node',
        exitCode: undefined,
        cwd: () => settings.cwd,
        chdir: () => { throw new Error('process.chdir() is not supported in ccr scripts'); },
        exit: code => { throw new Error(`process.exit(${code ?? ''}) is not supported in ccr scripts`); },
        abort: () => { throw new Error('process.abort() is not supported in ccr scripts'); },
        kill: () => { throw new Error('process.kill() is not supported in ccr scripts'); },
        nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
        hrtime: Object.assign(prev => {
            const now = performance.now();
            let s = Math.floor(now / 1000), ns = Math.floor((now % 1000) * 1e6);
            if (prev) { s -= prev[0]; ns -= prev[1]; if (ns < 0) { s--; ns += 1e9; } }
            return [s, ns];
        }, { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) }),
        uptime: () => (performance.now() - started) / 1000,
        memoryUsage: Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }),
        cpuUsage: () => ({ user: 0, system: 0 }),
        emitWarning: (w) => host.log('warn', 'script', 'Warning: ' + (w && w.message || w)),
        on(event, fn) { (listeners.get(event) || listeners.set(event, []).get(event)).push(fn); return processObject; },
        once(event, fn) { return processObject.on(event, fn); },
        off(event, fn) { const l = listeners.get(event); if (l) l.splice(l.indexOf(fn) >>> 0, 1); return processObject; },
        removeListener(event, fn) { return processObject.off(event, fn); },
        removeAllListeners(event) { listeners.delete(event); return processObject; },
        emit: () => false,
        listenerCount: event => (listeners.get(event) || []).length,
        stdout: { write: s => { host.log('info', 'stdout', String(s).replace(/\n$/, '')); return true; }, isTTY: false },
        stderr: { write: s => { host.log('warn', 'stderr', String(s).replace(/\n$/, '')); return true; }, isTTY: false },
        stdin: { isTTY: false },
        features: {},
        config: { variables: {} },
    };
    processObject.addListener = processObject.on;
    globalThis.process = processObject;

    // ---------------------------------------------------------------- DOM-ish basics

    class DOMException extends Error {
        constructor(message = '', name = 'Error') {
            super(message);
            Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true });
            this.code = { AbortError: 20, TimeoutError: 23, NotSupportedError: 9, InvalidStateError: 11, DataCloneError: 25 }[name] || 0;
        }
    }
    globalThis.DOMException = DOMException;

    class Event {
        constructor(type, init = {}) {
            this.type = String(type);
            this.bubbles = !!init.bubbles;
            this.cancelable = !!init.cancelable;
            this.defaultPrevented = false;
            this.timeStamp = performance.now();
        }
        preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
        stopPropagation() {}
        stopImmediatePropagation() {}
    }
    class EventTarget {
        #listeners = new Map();
        addEventListener(type, fn, options) {
            if (!fn) return;
            const list = this.#listeners.get(type) || this.#listeners.set(type, []).get(type);
            if (!list.some(l => l.fn === fn)) list.push({ fn, once: !!(options && options.once) });
        }
        removeEventListener(type, fn) {
            const list = this.#listeners.get(type);
            if (list) this.#listeners.set(type, list.filter(l => l.fn !== fn));
        }
        dispatchEvent(event) {
            for (const l of [...(this.#listeners.get(event.type) || [])]) {
                if (l.once) this.removeEventListener(event.type, l.fn);
                try {
                    typeof l.fn === 'function' ? l.fn.call(this, event) : l.fn.handleEvent(event);
                } catch (e) {
                    rt.reportUncaught(e);
                }
            }
            return !event.defaultPrevented;
        }
    }
    globalThis.Event = Event;
    globalThis.EventTarget = EventTarget;

    // ---------------------------------------------------------------- polyfills, loaded on first use

    lazyGlobal('Buffer', () => rt.vendor('buffer').Buffer);
    lazyGlobal('structuredClone', () => {
        const clone = rt.vendor('@ungap/structured-clone').default;
        return (value, options) => clone(value, options);
    });
    lazyGlobal('AbortController', () => rt.vendor('abortcontroller-polyfill/dist/cjs-ponyfill').AbortController);
    lazyGlobal('AbortSignal', () => rt.vendor('abortcontroller-polyfill/dist/cjs-ponyfill').AbortSignal);
    lazyGlobal('URL', () => rt.vendor('whatwg-url').URL);
    lazyGlobal('URLSearchParams', () => rt.vendor('whatwg-url').URLSearchParams);

    const streams = () => rt.vendor('web-streams-polyfill/dist/ponyfill.js');
    for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableByteStreamController',
        'ReadableStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter', 'TransformStream',
        'ByteLengthQueuingStrategy', 'CountQueuingStrategy']) {
        lazyGlobal(name, () => streams()[name]);
    }
    lazyGlobal('TextEncoderStream', () => class TextEncoderStream extends TransformStream {
        constructor() {
            const encoder = new TextEncoder();
            super({ transform(chunk, controller) { const bytes = encoder.encode(String(chunk)); if (bytes.length) controller.enqueue(bytes); } });
            this.encoding = 'utf-8';
        }
    });
    lazyGlobal('TextDecoderStream', () => class TextDecoderStream extends TransformStream {
        constructor(label = 'utf-8', options = {}) {
            const decoder = new TextDecoder(label, options);
            super({
                transform(chunk, controller) { const text = decoder.decode(chunk, { stream: true }); if (text) controller.enqueue(text); },
                flush(controller) { const text = decoder.decode(); if (text) controller.enqueue(text); },
            });
            this.encoding = decoder.encoding;
            this.fatal = decoder.fatal;
            this.ignoreBOM = decoder.ignoreBOM;
        }
    });
    if (typeof globalThis.atob !== 'function') {
        globalThis.atob = s => Buffer.from(String(s), 'base64').toString('latin1');
        globalThis.btoa = s => Buffer.from(String(s), 'latin1').toString('base64');
    }
})
