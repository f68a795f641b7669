// ccr script runtime, part 3 of 6: fetch, Headers, Request and Response.
//
// WHATWG semantics as undici (Node's fetch) has them, for what plugins use: bodies from strings, bytes,
// URLSearchParams and ReadableStreams; text(), json(), arrayBuffer(), bytes(), clone(); a body that is a stream is
// read chunk by chunk and never collected unless the plugin asks for it. fetch() goes to the JDK HttpClient through
// the host; its answer streams back one network read at a time. Java InputStreams (the provider's answer) become
// ReadableStreams that read only when pulled (highWaterMark 0), so nothing is read that nobody asked for.
(function (host, rt) {
    'use strict';
    const encoder = new TextEncoder();

    // ---------------------------------------------------------------- bytes between Java and JS

    /** A JS-owned copy of a Java ByteBuffer handed over by the host. */
    function fromHost(buffer) {
        const view = new Uint8Array(buffer);
        const copy = new Uint8Array(view.length);
        copy.set(view);
        return copy;
    }

    /** An ArrayBuffer holding exactly these bytes, for the host to read. */
    function toHost(bytes) {
        return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    }

    /** Bytes of one chunk a plugin enqueued; undici accepts only Uint8Array, ccr also strings and ArrayBuffers. */
    function chunkBytes(chunk) {
        if (chunk instanceof Uint8Array) return chunk;
        if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
        return encoder.encode(typeof chunk === 'string' ? chunk : String(chunk));
    }

    function concat(chunks, total) {
        if (chunks.length === 1) return chunks[0];
        const out = new Uint8Array(total);
        let offset = 0;
        for (const c of chunks) { out.set(c, offset); offset += c.length; }
        return out;
    }

    /** A ReadableStream over a Java InputStream registered with the host under {@code id}. */
    rt.javaStream = id => new ReadableStream({
        pull(controller) {
            return new Promise((resolve, reject) => host.read(id, (buffer, error) => {
                if (error !== null && error !== undefined) {
                    reject(new TypeError(String(error)));
                } else if (buffer === null || buffer === undefined) {
                    controller.close();
                    resolve();
                } else {
                    controller.enqueue(fromHost(buffer));
                    resolve();
                }
            }));
        },
        cancel() {
            host.closeStream(id);
        },
    }, { highWaterMark: 0 });

    function streamOf(bytes) {
        return new ReadableStream({
            start(controller) {
                if (bytes.length > 0) controller.enqueue(bytes);
                controller.close();
            },
        });
    }

    // ---------------------------------------------------------------- Headers

    function normalizeName(name) {
        const n = String(name);
        if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(n)) throw new TypeError(`Invalid header name: "${n}"`);
        return n.toLowerCase();
    }

    function normalizeValue(value) {
        return String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    }

    class Headers {
        #map = new Map();   // lower-case name -> values

        constructor(init) {
            if (init === undefined || init === null) return;
            if (init instanceof Headers) {
                init.#map.forEach((values, name) => this.#map.set(name, values.slice()));
            } else if (typeof init[Symbol.iterator] === 'function') {
                for (const pair of init) {
                    const [name, value] = pair;
                    if (pair.length !== 2) throw new TypeError('Header pairs must have exactly two items');
                    this.append(name, value);
                }
            } else if (typeof init === 'object') {
                for (const name of Object.keys(init)) this.append(name, init[name]);
            } else {
                throw new TypeError('Headers init must be an object, an iterable of pairs or Headers');
            }
        }

        append(name, value) {
            const key = normalizeName(name);
            const values = this.#map.get(key);
            if (values) values.push(normalizeValue(value)); else this.#map.set(key, [normalizeValue(value)]);
        }

        set(name, value) { this.#map.set(normalizeName(name), [normalizeValue(value)]); }
        delete(name) { this.#map.delete(normalizeName(name)); }
        has(name) { return this.#map.has(normalizeName(name)); }

        get(name) {
            const values = this.#map.get(normalizeName(name));
            return values === undefined ? null : values.join(', ');
        }

        getSetCookie() { return (this.#map.get('set-cookie') || []).slice(); }

        forEach(callback, thisArg) {
            for (const [name, value] of this) callback.call(thisArg, value, name, this);
        }

        *entries() {
            for (const name of [...this.#map.keys()].sort()) {
                if (name === 'set-cookie') {
                    for (const v of this.#map.get(name)) yield [name, v];
                } else {
                    yield [name, this.#map.get(name).join(', ')];
                }
            }
        }

        *keys() { for (const [name] of this.entries()) yield name; }
        *values() { for (const [, value] of this.entries()) yield value; }
        [Symbol.iterator]() { return this.entries(); }
        get [Symbol.toStringTag]() { return 'Headers'; }
    }

    // ---------------------------------------------------------------- bodies

    /** Body state shared by Request and Response: bytes known up front, or a stream, or nothing. */
    class Body {
        _bytes = null;       // Uint8Array when the body was given whole
        _stream = undefined; // ReadableStream once there is one (made lazily from _bytes)
        _used = false;

        _initBody(body, headers) {
            if (body === undefined || body === null) {
                this._stream = null;
                return;
            }
            let type = null;
            if (typeof body === 'string') {
                this._bytes = encoder.encode(body);
                type = 'text/plain;charset=UTF-8';
            } else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
                this._bytes = chunkBytes(body).slice();
            } else if (body.constructor && body.constructor.name === 'URLSearchParams') {
                this._bytes = encoder.encode(body.toString());
                type = 'application/x-www-form-urlencoded;charset=UTF-8';
            } else if (body instanceof ReadableStream) {
                this._stream = body;
            } else if (typeof body.getReader === 'function') {
                this._stream = body;   // a ReadableStream from another realm or library
            } else {
                this._bytes = encoder.encode(String(body));
                type = 'text/plain;charset=UTF-8';
            }
            if (type !== null && !headers.has('content-type')) headers.set('content-type', type);
        }

        get body() {
            if (this._stream === undefined) this._stream = streamOf(this._bytes);
            return this._stream;
        }

        get bodyUsed() {
            return this._used || (this._stream !== undefined && this._stream !== null && this._stream.locked === true && this._reading === true);
        }

        _takeBytesIfWhole() {
            return this._stream === undefined ? this._bytes : null;
        }

        async _consume() {
            if (this._used) throw new TypeError('Body is unusable: Body has already been read');
            this._used = true;
            if (this._stream === undefined) return this._bytes || new Uint8Array(0);
            if (this._stream === null) return new Uint8Array(0);
            if (this._stream.locked) throw new TypeError('Body is unusable: the stream is locked');
            const reader = this._stream.getReader();
            const chunks = [];
            let total = 0;
            for (;;) {
                const { done, value } = await reader.read();
                if (done) break;
                const bytes = chunkBytes(value);
                chunks.push(bytes);
                total += bytes.length;
            }
            return concat(chunks, total);
        }

        async arrayBuffer() { const b = await this._consume(); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }
        async bytes() { return this._consume(); }
        async text() { return new TextDecoder().decode(await this._consume()); }
        async json() { return JSON.parse(await this.text()); }
        async blob() { throw new TypeError('Blob bodies are not supported in ccr scripts; use arrayBuffer() or text()'); }
        async formData() { throw new TypeError('FormData bodies are not supported in ccr scripts'); }

        _cloneBodyInto(other) {
            if (this._used) throw new TypeError('Body is unusable: Body has already been read');
            if (this._stream === undefined) {
                other._bytes = this._bytes;
                other._stream = undefined;   // the copy was made with a null body
            } else if (this._stream === null) {
                other._stream = null;
            } else {
                const [a, b] = this._stream.tee();
                this._stream = a;
                other._stream = b;
            }
        }
    }

    // ---------------------------------------------------------------- Response

    const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

    class Response extends Body {
        constructor(body = null, init = {}) {
            super();
            const status = init.status === undefined ? 200 : Number(init.status);
            if (!Number.isInteger(status) || status < 200 || status > 599) {
                throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
            }
            if (body !== null && body !== undefined && NULL_BODY_STATUS.has(status)) {
                throw new TypeError('Response with null body status cannot have body');
            }
            this.status = status;
            this.statusText = init.statusText === undefined ? '' : String(init.statusText);
            this.headers = new Headers(init.headers);
            this.type = 'default';
            this.url = '';
            this.redirected = false;
            this._initBody(body, this.headers);
        }

        get ok() { return this.status >= 200 && this.status < 300; }

        clone() {
            const copy = new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers });
            copy.type = this.type;
            copy.url = this.url;
            copy.redirected = this.redirected;
            this._cloneBodyInto(copy);
            return copy;
        }

        static json(data, init = {}) {
            const headers = new Headers(init.headers);
            if (!headers.has('content-type')) headers.set('content-type', 'application/json');
            return new Response(JSON.stringify(data), Object.assign({}, init, { headers }));
        }

        static error() {
            const r = new Response(null, { status: 200 });
            r.status = 0;
            r.type = 'error';
            return r;
        }

        static redirect(url, status = 302) {
            return new Response(null, { status, headers: { location: String(url) } });
        }

        get [Symbol.toStringTag]() { return 'Response'; }
    }

    /** A Response around a body that is already a stream, with any status (fetch and the provider's answer). */
    rt.streamedResponse = (status, statusText, headers, stream, url) => {
        const r = new Response(null, { status: 200, statusText, headers });
        r.status = status;
        r._stream = stream;
        r.url = url || '';
        return r;
    };

    // ---------------------------------------------------------------- Request

    class Request extends Body {
        constructor(input, init = {}) {
            super();
            const from = input instanceof Request ? input : null;
            this.url = from ? from.url : String(input);
            this.method = String(init.method || (from ? from.method : 'GET')).toUpperCase();
            this.headers = new Headers(init.headers !== undefined ? init.headers : from ? from.headers : undefined);
            this.signal = init.signal !== undefined ? init.signal : from ? from.signal : null;
            this.redirect = init.redirect || (from ? from.redirect : 'follow');
            this.credentials = init.credentials || 'same-origin';
            this.mode = init.mode || 'cors';
            this.cache = init.cache || 'default';
            this.keepalive = !!init.keepalive;
            this.referrer = 'about:client';
            this.integrity = init.integrity || '';
            if (init.body !== undefined && init.body !== null) {
                if (this.method === 'GET' || this.method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
                this._initBody(init.body, this.headers);
            } else if (from) {
                from._cloneBodyInto(this);
            } else {
                this._stream = null;
            }
        }

        clone() {
            const copy = new Request(this.url, { method: this.method, headers: this.headers, signal: this.signal, redirect: this.redirect });
            this._cloneBodyInto(copy);
            return copy;
        }

        get [Symbol.toStringTag]() { return 'Request'; }
    }

    // ---------------------------------------------------------------- fetch

    function abortError(reason) {
        if (reason instanceof Error) return reason;
        return new DOMException(reason === undefined ? 'This operation was aborted' : String(reason), 'AbortError');
    }

    async function fetch(input, init = {}) {
        const request = new Request(input, init);
        const signal = request.signal;
        if (signal && signal.aborted) throw abortError(signal.reason);
        const hasBody = request._stream !== null;
        const body = hasBody ? await request._consume() : null;
        const headers = [];
        request.headers.forEach((value, name) => headers.push([name, value]));
        const timeout = init.timeout !== undefined ? Number(init.timeout) : 0;
        return new Promise((resolve, reject) => {
            let settled = false;
            const onAbort = () => {
                if (settled) return;
                settled = true;
                host.abortFetch(id);
                reject(abortError(signal.reason));
            };
            const id = host.fetch(request.method, request.url, JSON.stringify(headers), body ? toHost(body) : null, timeout,
                request.redirect === 'follow', (error, status, statusText, headersJson, streamId, url) => {
                    if (settled) {
                        if (streamId) host.closeStream(streamId);
                        return;
                    }
                    settled = true;
                    if (signal) signal.removeEventListener('abort', onAbort);
                    if (error !== null && error !== undefined) {
                        const text = String(error);
                        const sandboxed = text.startsWith('ERR_CCR_SANDBOX: ');
                        // Node's shape (TypeError "fetch failed" with the reason as cause); a sandbox refusal says why itself.
                        const err = new TypeError(sandboxed ? text.slice('ERR_CCR_SANDBOX: '.length) : 'fetch failed');
                        if (sandboxed) err.code = 'ERR_CCR_SANDBOX';
                        err.cause = new Error(text);
                        reject(err);
                        return;
                    }
                    const stream = rt.javaStream(streamId);
                    const response = rt.streamedResponse(status, statusText, JSON.parse(headersJson), stream, url);
                    response.redirected = url !== request.url;
                    response.type = 'basic';
                    if (signal) signal.addEventListener('abort', () => stream.cancel().catch(() => {}), { once: true });
                    resolve(response);
                });
            if (signal) signal.addEventListener('abort', onAbort, { once: true });
        });
    }

    globalThis.Headers = Headers;
    globalThis.Request = Request;
    globalThis.Response = Response;
    globalThis.fetch = fetch;

    // ---------------------------------------------------------------- reading a JS body from Java

    /**
     * Hands the next chunk of {@code response}'s body to {@code callback(arrayBuffer | null, error | null)}; null at the
     * end. A body given whole goes in one chunk without a stream.
     */
    rt.readBody = (response, callback) => {
        let reader = response.__ccrReader;
        if (reader === undefined) {
            const whole = response._takeBytesIfWhole();
            if (whole !== null || response._stream === null || response._stream === undefined) {
                response._used = true;
                response.__ccrReader = null;
                callback(whole && whole.length > 0 ? toHost(whole) : null, null);
                return;
            }
            reader = response.__ccrReader = response._stream.getReader();
            response._reading = true;
        }
        if (reader === null) {
            callback(null, null);
            return;
        }
        reader.read().then(({ done, value }) => {
            if (done) {
                response.__ccrReader = null;
                callback(null, null);
            } else {
                const bytes = chunkBytes(value);
                callback(bytes.length > 0 ? toHost(bytes) : new ArrayBuffer(0), null);
            }
        }, error => callback(null, rt.describe(error)));
    };

    /** Stops reading {@code response}'s body (the client went away). */
    rt.cancelBody = response => {
        const reader = response.__ccrReader;
        response.__ccrReader = null;
        if (reader) reader.cancel().catch(() => {});
        else if (response._stream) response._stream.cancel().catch(() => {});
    };

    rt.fromHost = fromHost;
    rt.toHost = toHost;
    rt.chunkBytes = chunkBytes;
})
