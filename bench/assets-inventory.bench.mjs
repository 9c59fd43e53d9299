// `npm run bench -- assets-inventory`: the inventory part of the assets bench alone (see assets-inventory.mjs).
export { default } from './assets-inventory.mjs';
