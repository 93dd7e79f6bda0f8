import type { DefaultTreeAdapterMap } from 'parse5';

// Walking parse5's default tree, shared by the HTML and SVG checks and the renderer.

/** A node of parse5's default tree. */
export type Node = DefaultTreeAdapterMap['node'];
/** An element of parse5's default tree. */
export type Element = DefaultTreeAdapterMap['element'];

/** Whether `node` is an element. */
export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** The child nodes of `node` (a `<template>`'s content included), or none. */
export function childrenOf(node: Node): Node[] {
  const children: Node[] = 'childNodes' in node ? [...node.childNodes] : [];
  if (isElement(node) && node.tagName === 'template' && 'content' in node)
    children.push(node.content as unknown as Node);
  return children;
}

/**
 * Calls `visit` on `node` and every node below it, depth first, in document order, with its
 * depth (`node` is 0). Iterative: a deeply nested tree cannot overflow the stack. Children are
 * read after their parent's visit, so `visit` may change them.
 */
export function walkTree(node: Node, visit: (node: Node, depth: number) => void): void {
  const stack: [Node, number][] = [[node, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [current, depth] = top;
    visit(current, depth);
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Node, depth + 1]);
  }
}

/** The 1-based line `node` (or its attribute `attr`) starts on; 0 when unknown. */
export function lineOf(node: Node, attr?: string): number {
  const loc = node.sourceCodeLocation;
  if (!loc) return 0;
  const attrLoc = attr && loc && 'attrs' in loc ? loc.attrs?.[attr] : undefined;
  return attrLoc?.startLine ?? loc.startLine;
}
