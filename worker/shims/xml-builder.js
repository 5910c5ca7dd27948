// workerd resolves @aws-sdk/xml-builder to its browser build, whose parser needs DOMParser (absent
// in Workers). Re-export the package's pure-JS parser instead. Relative paths keep the alias from
// matching these imports.
export { XmlNode } from '../../node_modules/@aws-sdk/xml-builder/dist-es/XmlNode.js';
export { XmlText } from '../../node_modules/@aws-sdk/xml-builder/dist-es/XmlText.js';
export { parseXML } from '../../node_modules/@aws-sdk/xml-builder/dist-es/xml-parser.js';
