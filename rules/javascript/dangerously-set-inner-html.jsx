import React from "react";
import DOMPurify from "dompurify";

export function Comment({ comment }) {
  return (
    <section>
      {/* ruleid: dangerously-set-inner-html */}
      <div className="body" dangerouslySetInnerHTML={{ __html: comment.body }} />
      {/* ok: dangerously-set-inner-html */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />
      {/* ok: dangerously-set-inner-html */}
      <p>{comment.body}</p>
    </section>
  );
}

export function Raw({ html }) {
  // ruleid: dangerously-set-inner-html
  return React.createElement("div", { id: "raw", dangerouslySetInnerHTML: { __html: html } });
}
