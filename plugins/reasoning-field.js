// SSE stream rewriting with response.body.getReader(), in the style of the streaming plugins in the wild: some
// providers stream their thoughts as `delta.reasoning`, while CCR's converter reads `delta.reasoning_content`. This
// plugin re-frames the stream line by line and renames the field, event by event, without waiting for the end.
//
// provider: "transformer": { "use": ["reasoning-field"] }
module.exports = class ReasoningField {
  constructor() {
    this.name = 'reasoning-field';
  }

  async transformResponseOut(response) {
    const contentType = response.headers.get('Content-Type') || '';
    if (!contentType.includes('stream')) {
      const json = await response.json();
      const message = json.choices && json.choices[0] && json.choices[0].message;
      if (message && message.reasoning && !message.reasoning_content) {
        message.reasoning_content = message.reasoning;
        delete message.reasoning;
      }
      return new Response(JSON.stringify(json), { status: response.status, statusText: response.statusText, headers: response.headers });
    }

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    let buffer = '';

    const rewrite = (line) => {
      if (!line.startsWith('data: ') || line.trim() === 'data: [DONE]') return line;
      try {
        const chunk = JSON.parse(line.slice(6));
        const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
        if (delta && delta.reasoning !== undefined) {
          delta.reasoning_content = delta.reasoning;
          delete delta.reasoning;
        }
        return 'data: ' + JSON.stringify(chunk);
      } catch (e) {
        return line;
      }
    };

    const stream = new ReadableStream({
      async pull(controller) {
        // A pull that enqueues nothing is not called again: loop until a whole line is out or the stream ends.
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            if (buffer) controller.enqueue(encoder.encode(rewrite(buffer) + '\n'));
            controller.close();
            return;
          }
          buffer += decoder.decode(value, { stream: true });
          const lines = buffer.split('\n');
          buffer = lines.pop();
          if (lines.length > 0) {
            controller.enqueue(encoder.encode(lines.map(rewrite).join('\n') + '\n'));
            return;
          }
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });

    return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
};
