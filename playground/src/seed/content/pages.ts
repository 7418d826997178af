import type { DemoPage } from './types';

/** The demo site's static pages: plain Strapi content, read through Strapi's core REST API. */
export const demoPages: DemoPage[] = [
  {
    slug: 'about-us',
    title: 'About us',
    body: 'The Newsroom Demo Gazette is a fictional news site. Its stories, people and places were written for this demo and describe no real events. It shows what the newsroom plugin gives editors: sections, related links computed on save, view counts and rankings.',
  },
  {
    slug: 'contact',
    title: 'Contact',
    body: 'Tips and corrections go to the desk editor on duty. This demo has no real inbox: write to the maintainers of the plugin through its repository instead.',
  },
];
