// Blocks other modules add to the home page (e.g. latest news, the small map).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';

export type HomeBlock = (request: FastifyRequest, reply: FastifyReply) => Promise<ComponentChildren>;
const blocks: HomeBlock[] = [];
export function registerHomeBlock(block: HomeBlock): void {
  blocks.push(block);
}
export function homeBlocks(): readonly HomeBlock[] {
  return blocks;
}
