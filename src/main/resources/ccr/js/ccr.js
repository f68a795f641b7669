// ccr script runtime, part 6 of 6: what Java calls. Loads the custom router and the plugins, calls them with CCR's
// arguments (spec §2.6, §3.1) and hands results back as JSON strings through `done(error, ...)` callbacks, so Java
// never walks JS objects. Every function here runs on the Context's own event-loop thread.
(function (host, rt) {
    'use strict';
    const settings = rt.settings;

    // The config a custom router gets: the interpolated file, with both spellings of the provider list (spec §2.6).
    const routerConfig = Object.assign({}, settings.config);
    const providers = routerConfig.Providers || routerConfig.providers || [];
    routerConfig.Providers = providers;
    routerConfig.providers = providers;
    const routerEvents = new (rt.requireBuiltin('events'))();

    let router = null;
    const plugins = [];
    let nextRequestId = 1;

    rt.describe = error => {
        if (error instanceof Error || (error && typeof error === 'object' && 'message' in error && 'stack' in error)) {
            const frame = /\((\/[^()]+:\d+:\d+)\)/.exec(String(error.stack || ''));
            return `${error.name || 'Error'}: ${error.message}${frame ? ' (at ' + frame[1] + ')' : ''}`;
        }
        return 'a non-Error value was thrown: ' + rt.inspect(error, 1);
    };

    function failure(error) {
        return JSON.stringify({ message: rt.describe(error), module: rt.isUnsupportedModuleError(error) ? error.moduleName : null });
    }

    function settle(promiseOrValue, onValue, done) {
        Promise.resolve(promiseOrValue).then(onValue).then(null, error => done(failure(error)));
    }

    function sessionId(body) {
        const userId = body && body.metadata && body.metadata.user_id;
        if (typeof userId !== 'string') return undefined;
        if (userId.includes('_session_')) return userId.split('_session_')[1];
        try {
            const parsed = JSON.parse(userId);
            return parsed && typeof parsed.session_id === 'string' ? parsed.session_id : undefined;
        } catch (e) {
            return undefined;
        }
    }

    // ---------------------------------------------------------------- loading

    function exported(path, what, fresh) {
        let value = fresh ? rt.reloadScript(path) : rt.requireScript(path);
        if (typeof value !== 'function' && value && typeof value.default === 'function') value = value.default;
        if (what === 'router' && typeof value !== 'function') {
            throw new TypeError('module.exports is not a function; a custom router is module.exports = async function router(req, config, context) { ... }');
        }
        return value;
    }

    const api = {};

    /** Loads the router; {@code fresh}: again from its changed file, the running router kept if the new one fails. */
    api.loadRouter = (path, fresh) => {
        router = exported(path, 'router', fresh === true);
    };

    /**
     * Loads one plugin; answers JSON {index, name, endPoint, requestIn, responseOut}. {@code fresh}: again from its
     * changed file, as a new instance at a new index; the old instance stays for the requests still using it.
     */
    api.loadPlugin = (path, optionsJson, fresh) => {
        const exports = exported(path, 'plugin', fresh === true);
        const options = optionsJson === null ? undefined : JSON.parse(optionsJson);
        let instance;
        if (typeof exports === 'function') {
            instance = new exports(options);
        } else if (exports && typeof exports === 'object') {
            instance = exports;
        } else {
            throw new TypeError('module.exports is not a class; a plugin is module.exports = class { constructor(options) { ... } }');
        }
        const name = instance.name;
        if (typeof name !== 'string' || name === '') {
            throw new TypeError('the plugin has no name; set this.name (or a name field) to the name providers use in "use"');
        }
        // CCR assigns the logger after construction, so it is not there inside the constructor (spec §3.2).
        instance.logger = rt.logger(name);
        plugins.push(instance);
        return JSON.stringify({
            index: plugins.length - 1,
            name,
            endPoint: typeof instance.endPoint === 'string' ? instance.endPoint : null,
            requestIn: typeof instance.transformRequestIn === 'function',
            responseOut: typeof instance.transformResponseOut === 'function',
        });
    };

    // ---------------------------------------------------------------- the custom router

    /**
     * Calls the router with CCR's (req, config, context); done(error, model, kind, bodyJson) where kind says what the
     * router returned ("string", "falsy" or a typeof) and bodyJson is req.body afterwards (the router may change it).
     */
    api.callRouter = (bodyJson, metaJson, done) => {
        const meta = JSON.parse(metaJson);
        const body = JSON.parse(bodyJson);
        const req = {
            body,
            headers: meta.headers,
            url: '/v1/messages',
            originalUrl: '/v1/messages',
            pathname: '/v1/messages',
            method: 'POST',
            id: 'req-' + nextRequestId++,
            ip: '127.0.0.1',
            query: {},
            params: {},
            sessionId: sessionId(body),
            tokenCount: meta.tokenCount,
            log: rt.logger('custom-router'),
        };
        const bodyAfter = () => {
            try {
                return req.body !== null && typeof req.body === 'object' ? JSON.stringify(req.body) : null;
            } catch (e) {
                return null;
            }
        };
        Promise.resolve()
            .then(() => router(req, routerConfig, { event: routerEvents }))
            .then(model => {
                const kind = typeof model === 'string' && model !== '' ? 'string' : !model ? 'falsy' : typeof model;
                done(null, kind === 'string' ? model : null, kind, bodyAfter());
            }, error => done(failure(error), null, null, bodyAfter()));
    };

    // ---------------------------------------------------------------- plugins

    /** The context object plugins get: {req}, with the client's body parsed only if a plugin reads it. */
    function pluginContext(meta, clientBodyJson) {
        let clientBody;
        const req = {
            headers: meta.headers,
            url: '/v1/messages',
            pathname: '/v1/messages',
            method: 'POST',
            provider: meta.provider,
            model: [meta.model],
            scenarioType: meta.scenario,
            log: rt.logger('plugin'),
        };
        Object.defineProperty(req, 'body', {
            enumerable: true,
            configurable: true,
            get() {
                if (clientBody === undefined) clientBody = JSON.parse(clientBodyJson);
                return clientBody;
            },
            set(value) {
                clientBody = value;
            },
        });
        Object.defineProperty(req, 'sessionId', { enumerable: true, configurable: true, get: () => sessionId(req.body) });
        return { req };
    }

    function headerChanges(headers) {
        const entries = typeof headers.entries === 'function' && !(Object.getPrototypeOf(headers) === Object.prototype)
            ? [...headers.entries()] : Object.keys(headers).map(k => [k, headers[k]]);
        const changes = [];
        for (const [name, value] of entries) {
            // CCR's rules (spec §3.1): undefined, "undefined" and an Authorization containing "undefined" remove the
            // header; other falsy values change nothing.
            if (value === undefined || value === 'undefined'
                || (String(name).toLowerCase() === 'authorization' && typeof value === 'string' && value.includes('undefined'))) {
                changes.push([String(name), null]);
            } else if (value) {
                changes.push([String(name), String(value)]);
            }
        }
        return changes;
    }

    /**
     * transformRequestIn(request, provider, context); done(error, resultJson, context) with resultJson
     * {body, url?, headers?: [[name, value | null]], timeout?}.
     */
    api.requestIn = (index, bodyJson, providerJson, metaJson, clientBodyJson, done) => {
        const plugin = plugins[index];
        const context = pluginContext(JSON.parse(metaJson), clientBodyJson);
        settle(Promise.resolve().then(() => plugin.transformRequestIn(JSON.parse(bodyJson), JSON.parse(providerJson), context)), result => {
            let body = result;
            let config = {};
            if (result && typeof result === 'object' && result.body) {
                body = result.body;
                config = result.config || {};
            }
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
                throw new TypeError(`transformRequestIn returned ${body === null ? 'null' : typeof body} instead of the request body object (or {body, config})`);
            }
            const out = { body };
            if (config.url !== undefined && config.url !== null && config.url !== '') out.url = String(config.url);
            if (config.headers && typeof config.headers === 'object') out.headers = headerChanges(config.headers);
            if (config.TIMEOUT !== undefined && Number(config.TIMEOUT) > 0) out.timeout = Number(config.TIMEOUT);
            done(null, JSON.stringify(out), context);
        }, done);
    };

    /**
     * transformResponseOut(response, context) with a Response whose body reads the Java stream {@code streamId};
     * done(error, resultJson, response) with resultJson {same: true} when the plugin handed back the response
     * untouched, else {status, headers: [[name, value]]}. The context is the request half's, or a new one.
     */
    api.responseOut = (index, status, headersJson, streamId, requestContext, metaJson, clientBodyJson, done) => {
        const plugin = plugins[index];
        const context = requestContext || pluginContext(JSON.parse(metaJson), clientBodyJson);
        const stream = rt.javaStream(streamId);
        const response = rt.streamedResponse(status, '', JSON.parse(headersJson), stream, '');
        settle(Promise.resolve().then(() => plugin.transformResponseOut(response, context)), result => {
            if (result === response && !response._used && response._stream === stream && !stream.locked) {
                done(null, '{"same":true}', null);
                return;
            }
            if (result === null || typeof result !== 'object' || typeof result.status !== 'number') {
                throw new TypeError('transformResponseOut returned ' + (result === null ? 'null' : typeof result) + ' instead of a Response');
            }
            const headers = [];
            if (result.headers && typeof result.headers.forEach === 'function') {
                result.headers.forEach((value, name) => headers.push([name, value]));
            }
            done(null, JSON.stringify({ status: result.status, headers }), result);
        }, done);
    };

    api.readBody = (response, done) => rt.readBody(response, (buffer, error) =>
        error !== null && error !== undefined ? done(JSON.stringify({ message: String(error), module: null })) : done(null, buffer));
    api.cancelBody = response => rt.cancelBody(response);
    api.fireTimer = id => rt.fireTimer(id);

    /** Runs the runtime's own hot paths once, so the first real call does not pay for their first interpretation. */
    api.warm = done => {
        const text = 'data: {"choices":[{"delta":{"content":"hi"}}]}\n\n';
        const response = new Response(new ReadableStream({
            start(controller) {
                controller.enqueue(new TextEncoder().encode(text));
                controller.close();
            },
        }), { headers: { 'Content-Type': 'text/event-stream' } });
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        reader.read()
            .then(({ value }) => JSON.parse(decoder.decode(value, { stream: true }).slice(6)))
            .then(() => new Response('{}').json())
            .then(() => done(null), error => done(failure(error)));
    };

    return api;
})
